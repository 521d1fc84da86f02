package protocolcore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"
)

// payloadRelay is a TCP relay in front of a WebSocket server that counts, in each direction, the payload bytes of the
// data frames (text, binary, continuation) after the HTTP upgrade, from the bytes themselves: what the library reports
// as sent and received, measured without it. Headers, masking keys and control frames are left out. Bytes are counted
// before they are forwarded, so once the other side has them they are in the counts.
type payloadRelay struct {
	listener    net.Listener
	upstream    string
	mu          sync.Mutex
	sent        int64
	received    int64
	connections int
}

func startRelay(t testing.TB, baseURL string) (*payloadRelay, string) {
	t.Helper()
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &payloadRelay{listener: listener, upstream: u.Host}
	t.Cleanup(func() { listener.Close() })
	go r.accept()
	u.Host = listener.Addr().String()
	return r, u.String()
}

func (r *payloadRelay) accept() {
	for {
		client, err := r.listener.Accept()
		if err != nil {
			return
		}
		upstream, err := net.Dial("tcp", r.upstream)
		if err != nil {
			client.Close()
			continue
		}
		r.mu.Lock()
		r.connections++
		r.mu.Unlock()
		go r.pump(client, upstream, &r.sent)
		go r.pump(upstream, client, &r.received)
	}
}

func (r *payloadRelay) pump(from, to net.Conn, total *int64) {
	defer from.Close()
	defer to.Close()
	var counter frameCounter
	buffer := make([]byte, 64*1024)
	for {
		n, err := from.Read(buffer)
		if n > 0 {
			counted := counter.feed(buffer[:n])
			r.mu.Lock()
			*total += counted
			r.mu.Unlock()
			if _, werr := to.Write(buffer[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// counts returns the bytes sent and received so far, and the connections accepted.
func (r *payloadRelay) counts() (sent, received int64, connections int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sent, r.received, r.connections
}

// frameCounter is one direction of the relay: it skips the HTTP head, then walks the frame headers (RFC 6455 §5.2).
type frameCounter struct {
	head      []byte
	upgraded  bool
	pending   []byte
	remaining uint64
	data      bool
}

func (c *frameCounter) feed(data []byte) int64 {
	var counted int64
	if !c.upgraded {
		c.head = append(c.head, data...)
		end := bytes.Index(c.head, []byte("\r\n\r\n"))
		if end < 0 {
			return 0
		}
		c.upgraded = true
		data = c.head[end+4:]
	}
	for len(data) > 0 {
		if c.remaining > 0 {
			take := c.remaining
			if uint64(len(data)) < take {
				take = uint64(len(data))
			}
			if c.data {
				counted += int64(take)
			}
			c.remaining -= take
			data = data[take:]
			continue
		}
		c.pending = append(c.pending, data...)
		data = nil
		h := c.pending
		if len(h) < 2 {
			break
		}
		code := uint64(h[1] & 0x7F)
		extended := 0
		if code == 126 {
			extended = 2
		} else if code == 127 {
			extended = 8
		}
		size := 2 + extended
		if h[1]&0x80 != 0 {
			size += 4
		}
		if len(h) < size {
			break
		}
		switch extended {
		case 2:
			code = uint64(binary.BigEndian.Uint16(h[2:]))
		case 8:
			code = binary.BigEndian.Uint64(h[2:])
		}
		opcode := h[0] & 0x0F
		c.data = opcode == opContinuation || opcode == opText || opcode == opBinary
		c.remaining = code
		data = append([]byte(nil), h[size:]...)
		c.pending = nil
	}
	return counted
}

// The library's figures for each turn (pc_session_turn_info): the payload bytes the relay saw pass, its own chaining
// decision (full, then chained), its connections.
func TestTurnResultCarriesTheLibrarysFigures(t *testing.T) {
	relay, through := startRelay(t, startEmulator(t))
	s := openSession(t, through, nil)
	ctx := guard(t)
	if _, err := s.TurnInfo(ctx); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("turn info before any turn: %v", err)
	}
	request := firstRequest()
	for turn := 0; turn < 3; turn++ {
		sent, received, _ := relay.counts()
		result, err := s.RunTurn(ctx, request, nil)
		if err != nil {
			t.Fatal(err)
		}
		nowSent, nowReceived, _ := relay.counts()
		if result.BytesSent != nowSent-sent || result.BytesReceived != nowReceived-received || result.BytesSent == 0 {
			t.Fatalf("turn %d: library %d/%d bytes, relay %d/%d", turn, result.BytesSent, result.BytesReceived,
				nowSent-sent, nowReceived-received)
		}
		if result.FullContext == nil || *result.FullContext != (turn == 0) || result.Retries != 0 ||
			result.Connects != map[bool]int{true: 1, false: 0}[turn == 0] || result.Reconnects != 0 {
			t.Fatalf("turn %d: %+v", turn, result)
		}
		info, err := s.TurnInfo(ctx)
		if err != nil || !info.Done || info.Status != StatusOK || info.ResponseID != result.ResponseID ||
			info.Usage == nil || *info.Usage != *result.Usage || info.Events != int64(result.Events) || info.HTTPMode {
			t.Fatalf("turn %d: info %+v, %v", turn, info, err)
		}
		outputs := make([]FunctionCallOutput, len(result.FunctionCalls))
		for i, call := range result.FunctionCalls {
			outputs[i] = FunctionCallOutput{CallID: call.CallID, Output: "ok"}
		}
		request = FunctionCallOutputs(outputs)
	}
	if _, _, connections := relay.counts(); connections != 1 {
		t.Fatalf("%d connections", connections)
	}
}

// A cancelled turn reports the cancellation and no chaining decision; the next one reconnects and sends everything.
func TestTurnInfoAfterACancel(t *testing.T) {
	s := openSession(t, startEmulator(t), &SessionOptions{IdleTimeoutMS: 60000})
	ctx := guard(t)
	// The first request is the template of every turn: each response stalls 3 s after response.in_progress.
	first, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), nil)
	if err != nil || first.FullContext == nil || !*first.FullContext {
		t.Fatalf("first: %+v, %v", first, err)
	}
	outputs := make([]FunctionCallOutput, len(first.FunctionCalls))
	for i, call := range first.FunctionCalls {
		outputs[i] = FunctionCallOutput{CallID: call.CallID, Output: "ok"}
	}
	result, err := s.RunTurn(ctx, FunctionCallOutputs(outputs), func(v *EventView) {
		if v.Kind == KindResponseInProgress {
			time.AfterFunc(20*time.Millisecond, func() { s.Cancel() })
		}
	})
	if !errors.Is(err, ErrCancelled) || result.FullContext != nil || result.Retries != -1 || result.BytesSent == 0 {
		t.Fatalf("cancelled: %+v, %v", result, err)
	}
	if info, err := s.TurnInfo(ctx); err != nil || !info.Done || info.Status != StatusCancelled {
		t.Fatalf("cancelled: info %+v, %v", info, err)
	}
	if _, err := s.Next(ctx); err != io.EOF {
		t.Fatalf("after the cancel: %v", err)
	}
	after, err := s.RunTurn(ctx, firstRequest(), nil)
	if err != nil || after.FullContext == nil || !*after.FullContext || after.Connects != 1 || after.Reconnects != 1 {
		t.Fatalf("after: %+v, %v", after, err)
	}
	s.Close()
	if _, err := s.TurnInfo(ctx); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("turn info after close: %v", err)
	}
}

func TestTurnInfoInHTTPMode(t *testing.T) {
	s := openSession(t, startEmulator(t), &SessionOptions{Mode: "http"})
	result, err := s.RunTurn(guard(t), firstRequest(), nil)
	if err != nil || result.FullContext == nil || !*result.FullContext || result.BytesSent == 0 || result.BytesReceived == 0 {
		t.Fatalf("%+v, %v", result, err)
	}
	if info, err := s.TurnInfo(guard(t)); err != nil || !info.HTTPMode {
		t.Fatalf("info %+v, %v", info, err)
	}
}
