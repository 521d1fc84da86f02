package protocolcore

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// fixtureFiles lists <repo>/../shared/fixtures/**/*.jsonl (or PROTOCOLCORE_FIXTURES); missing fixtures fail.
func fixtureFiles(t testing.TB) []string {
	dir := os.Getenv("PROTOCOLCORE_FIXTURES")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "..", "shared", "fixtures")
	}
	var files []string
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() && filepath.Ext(path) == ".jsonl" {
			files = append(files, path)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("fixtures not found under %s (set PROTOCOLCORE_FIXTURES): %v", dir, err)
	}
	sort.Strings(files)
	return files
}

func fixtureMessages(t testing.TB, path string) [][]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var messages [][]byte
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			messages = append(messages, line)
		}
	}
	return messages
}

// frame builds a server frame by hand, independently of the library's writer.
func frame(opcode byte, payload []byte, fin bool, mask []byte) []byte {
	first := opcode
	if fin {
		first |= 0x80
	}
	out := []byte{first}
	var maskBit byte
	if mask != nil {
		maskBit = 0x80
	}
	n := len(payload)
	switch {
	case n < 126:
		out = append(out, maskBit|byte(n))
	case n < 65536:
		out = append(out, maskBit|126, byte(n>>8), byte(n))
	default:
		out = append(out, maskBit|127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	if mask != nil {
		out = append(out, mask...)
		for i, b := range payload {
			out = append(out, b^mask[i%4])
		}
		return out
	}
	return append(out, payload...)
}

func text(s string) []byte { return frame(opText, []byte(s), true, nil) }

type clientFrame struct {
	opcode  byte
	payload []byte
}

// clientFrames parses what the codec wrote as a server would: every frame must be masked.
func clientFrames(t testing.TB, data []byte) []clientFrame {
	var frames []clientFrame
	for i := 0; i < len(data); {
		b0, b1 := data[i], data[i+1]
		if b1&0x80 == 0 {
			t.Fatalf("client frame not masked")
		}
		n := int(b1 & 0x7F)
		i += 2
		if n == 126 {
			n = int(binary.BigEndian.Uint16(data[i:]))
			i += 2
		} else if n == 127 {
			n = int(binary.BigEndian.Uint64(data[i:]))
			i += 8
		}
		key := data[i : i+4]
		i += 4
		payload := make([]byte, n)
		for j := 0; j < n; j++ {
			payload[j] = data[i+j] ^ key[j%4]
		}
		i += n
		frames = append(frames, clientFrame{b0 & 0x0F, payload})
	}
	return frames
}
