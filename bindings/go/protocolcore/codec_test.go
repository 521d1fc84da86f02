package protocolcore

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

const delta = `{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi \"there\" \u00e9"}`

func newCodec(t testing.TB, opts *Options) *Codec {
	t.Helper()
	c, err := NewCodec(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestDeltaMembers(t *testing.T) {
	c := newCodec(t, nil)
	events, err := c.Feed(text(delta))
	if err != nil || len(events) != 1 {
		t.Fatalf("events %v, err %v", events, err)
	}
	e := events[0]
	if e.Kind != 46 || e.Type != "response.output_text.delta" || e.SequenceNumber != 7 || e.OutputIndex != 1 ||
		e.ContentIndex != 0 || *e.ItemID != "msg_1" || *e.Delta != "Hi \"there\" é" || string(e.RawJSON) != delta {
		t.Fatalf("unexpected event %+v", e)
	}
}

// dotnetDecode runs `./protocolcore decode -` over the messages: the .NET decoder's "type<TAB>json" lines.
func dotnetDecode(t *testing.T, messages [][]byte) []string {
	cmd := exec.Command(filepath.Join(repoRoot(t), "protocolcore"), "decode", "-")
	cmd.Stdin = bytes.NewReader(append(bytes.Join(messages, []byte("\n")), '\n'))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("protocolcore decode: %v\n%s", err, stderr.String())
	}
	return strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
}

func TestFixturesMatchTheDotnetDecoder(t *testing.T) {
	files := fixtureFiles(t)
	var all [][]byte
	var streams [][]byte
	for _, f := range files {
		messages := fixtureMessages(t, f)
		all = append(all, messages...)
		var stream []byte
		for _, m := range messages {
			stream = append(stream, frame(opText, m, true, nil)...)
		}
		streams = append(streams, stream)
	}
	lines := dotnetDecode(t, all)

	rng := rand.New(rand.NewSource(5))
	var events []Event
	for i, stream := range streams {
		c := newCodec(t, nil)
		for len(stream) > 0 {
			n := []int{1, 7, 100, 1000, 65536}[rng.Intn(5)]
			if n > len(stream) {
				n = len(stream)
			}
			got, err := c.Feed(stream[:n])
			if err != nil {
				t.Fatalf("%s: %v", files[i], err)
			}
			events = append(events, got...)
			stream = stream[n:]
		}
		c.Close()
	}
	if len(events) != len(lines) || len(events) < 1000 {
		t.Fatalf("%d events from the codec, %d from .NET", len(events), len(lines))
	}
	deltas := 0
	for i, e := range events {
		typ, encoded, _ := strings.Cut(lines[i], "\t")
		var reencoded map[string]any
		if err := json.Unmarshal([]byte(encoded), &reencoded); err != nil {
			t.Fatal(err)
		}
		if typ != e.Type || reencoded["type"] != e.Type {
			t.Fatalf("event %d: type %q, .NET %q", i, e.Type, typ)
		}
		wantSeq := int64(-1)
		if s, ok := reencoded["sequence_number"].(float64); ok {
			wantSeq = int64(s)
		}
		if wantSeq != e.SequenceNumber {
			t.Fatalf("event %d (%s): sequence %d, .NET %d", i, e.Type, e.SequenceNumber, wantSeq)
		}
		if d, ok := reencoded["delta"].(string); ok && strings.HasSuffix(e.Type, ".delta") {
			if e.Delta == nil || *e.Delta != d {
				t.Fatalf("event %d (%s): delta %v, .NET %q", i, e.Type, e.Delta, d)
			}
			deltas++
		} else if e.Delta != nil {
			t.Fatalf("event %d (%s): unexpected delta", i, e.Type)
		}
		if !bytes.Equal(e.RawJSON, all[i]) {
			t.Fatalf("event %d: raw JSON differs from the message", i)
		}
	}
	if deltas < 100 {
		t.Fatalf("only %d deltas", deltas)
	}
}

func TestControlFrames(t *testing.T) {
	c := newCodec(t, nil)
	data := []byte(delta)
	stream := append(frame(opText, data[:10], false, nil), frame(opPing, []byte("hb"), true, nil)...)
	stream = append(stream, frame(opContinuation, data[10:], true, nil)...)
	stream = append(stream, frame(opClose, append([]byte{0x03, 0xE9}, "bye"...), true, nil)...)
	events, err := c.Feed(stream)
	if err != nil || len(events) != 1 || string(events[0].RawJSON) != delta {
		t.Fatalf("events %v, err %v", events, err)
	}
	out, _ := c.TakeOutgoing()
	frames := clientFrames(t, out)
	if len(frames) != 2 || frames[0].opcode != opPong || string(frames[0].payload) != "hb" ||
		frames[1].opcode != opClose || binary.BigEndian.Uint16(frames[1].payload) != 1001 {
		t.Fatalf("outgoing %+v", frames)
	}
	code, reason, err := c.CloseInfo()
	if code != 1001 || reason != "bye" || err != nil {
		t.Fatalf("close %d %q %v", code, reason, err)
	}
	if _, err := c.EncodeCreate([]byte(`{"type":"response.create"}`)); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("encode after close: %v", err)
	}
}

func TestClientClose(t *testing.T) {
	c := newCodec(t, nil)
	out, err := c.EncodeClose(1000, "done")
	if err != nil {
		t.Fatal(err)
	}
	if f := clientFrames(t, out); len(f) != 1 || f[0].opcode != opClose || string(f[0].payload) != "\x03\xe8done" {
		t.Fatalf("close frame %+v", f)
	}
	if _, err := c.EncodeClose(1000, ""); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("second close: %v", err)
	}
	events, err := c.Feed(append(text(delta), frame(opClose, []byte{0x03, 0xE8}, true, nil)...))
	if err != nil || len(events) != 1 {
		t.Fatalf("events %d, %v", len(events), err)
	}
	if out, _ := c.TakeOutgoing(); len(out) != 0 {
		t.Fatalf("the reply to our close was answered: %x", out)
	}
	other := newCodec(t, nil)
	if _, err := other.EncodeClose(1005, ""); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("code 1005: %v", err)
	}
}

func TestEncodeCreate(t *testing.T) {
	c := newCodec(t, nil)
	request := []byte(`{"type":"response.create","model":"gpt-5","input":"héllo"}`)
	out, err := c.EncodeCreate(request)
	if err != nil {
		t.Fatal(err)
	}
	frames := clientFrames(t, out)
	if len(frames) != 1 || frames[0].opcode != opText || !bytes.Equal(frames[0].payload, request) {
		t.Fatalf("frames %+v", frames)
	}
	for _, bad := range []string{"", "{", "[]", `{"type":"response.cancel"}`, `{"type":"response.create"} 1`} {
		if _, err := c.EncodeCreate([]byte(bad)); !errors.Is(err, ErrJSON) {
			t.Fatalf("%q: %v", bad, err)
		}
	}
}

func TestErrors(t *testing.T) {
	c := newCodec(t, nil)
	events, err := c.Feed(append(append(text(delta), text(`{"type":"x",}`)...), text(delta)...))
	var pcErr *Error
	if !errors.Is(err, ErrJSON) || !errors.As(err, &pcErr) || len(events) != 2 || !strings.Contains(pcErr.Message, "skipped") {
		t.Fatalf("bad JSON: %d events, %v", len(events), err)
	}
	if _, err := c.Feed(frame(opBinary, []byte("{}"), true, nil)); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("binary: %v", err)
	}
	if _, err := c.Feed(frame(opText, []byte("{}"), true, []byte{1, 2, 3, 4})); !errors.Is(err, ErrProtocol) {
		t.Fatalf("masked: %v", err)
	}
	out, _ := c.TakeOutgoing()
	if f := clientFrames(t, out); len(f) != 1 || binary.BigEndian.Uint16(f[0].payload) != 1002 {
		t.Fatalf("close after protocol error: %+v", f)
	}

	if _, err := NewCodec(&Options{MaxFrameSize: -1}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("bad options: %v", err)
	}

	closed, _ := NewCodec(nil)
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	if err := closed.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := closed.Feed(text(delta)); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("feed after close: %v", err)
	}
	if _, err := closed.EncodeCreate([]byte(`{"type":"response.create"}`)); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("encode after close: %v", err)
	}
}

func TestTwoGoroutinesWithTwoCodecs(t *testing.T) {
	files := fixtureFiles(t)[:40]
	var streams [][]byte
	for _, f := range files {
		var s []byte
		for _, m := range fixtureMessages(t, f) {
			s = append(s, text(string(m))...)
		}
		streams = append(streams, s)
	}
	decode := func(s []byte) ([]string, error) {
		c, err := NewCodec(nil)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		var out []string
		for i := 0; i < len(s); i += 4096 {
			end := i + 4096
			if end > len(s) {
				end = len(s)
			}
			events, err := c.Feed(s[i:end])
			if err != nil {
				return nil, err
			}
			for _, e := range events {
				d := ""
				if e.Delta != nil {
					d = *e.Delta
				}
				out = append(out, e.Type+"|"+d+"|"+string(e.RawJSON))
			}
		}
		return out, nil
	}
	want := make([][]string, len(streams))
	for i, s := range streams {
		want[i], _ = decode(s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				for k := range streams {
					i := k
					if g == 1 {
						i = len(streams) - 1 - k
					}
					got, err := decode(streams[i])
					if err != nil {
						errs <- err
						return
					}
					if strings.Join(got, "\n") != strings.Join(want[i], "\n") {
						errs <- errors.New("results differ between goroutines for " + files[i])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func rss(t *testing.T) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int64
			for _, f := range strings.Fields(line)[1:2] {
				for _, ch := range f {
					kb = kb*10 + int64(ch-'0')
				}
			}
			return kb * 1024
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

func TestCreateDestroy100000CodecsKeepsRSSFlat(t *testing.T) {
	base, _ := LiveHandles()
	cycle := func(n int) {
		for i := 0; i < n; i++ {
			c, err := NewCodec(nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Feed(text(delta)); err != nil {
				t.Fatal(err)
			}
			c.Close()
		}
	}
	// RSS moves by tens of MiB as the Go and .NET collectors free what earlier tests left behind, so one window
	// proves nothing. A leak grows RSS in every cycle: pass once a cycle of 100,000 codecs stays under 16 MiB of
	// growth, and fail only when four in a row grow (at least 160 bytes kept per codec).
	cycle(10000)
	var growth []int64
	for attempt := 0; attempt < 4; attempt++ {
		before := settledRSS(t)
		cycle(100000)
		grown := settledRSS(t) - before
		if live, _ := LiveHandles(); live != base {
			t.Fatalf("%d live handles, %d before", live, base)
		}
		if grown <= 16<<20 {
			return
		}
		growth = append(growth, grown>>20)
	}
	t.Fatalf("RSS grew in every cycle of 100,000 codecs (MiB per cycle: %v)", growth)
}

// settledRSS is the resident set after Go has collected and returned its free memory, so Go's own garbage does not
// count.
func settledRSS(t *testing.T) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	return rss(t)
}
