package protocolcore

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testAPIKey = "sk-test-5f1e2d3c4b5a69788796a5b4c3d2e1f0"

// The emulator's ScriptedCodingAgent: 24 tool calls over 18 turns, then a final message (docs/emulator.md).
const (
	scriptedTurns = 19
	scriptedCalls = 24
)

// startEmulator runs `protocolcore serve --port 0 --zero-cost` on 127.0.0.1 and returns its base URL; the process is
// killed when the test ends. Every wait is bounded.
func startEmulator(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot(t), "protocolcore"), append([]string{"serve", "--port", "0", "--zero-cost"}, args...)...)
	return startBaseURLServer(t, cmd, "protocolcore serve", false)
}

// startBaseURLServer starts a server process that prints "Base URL: ..." on stdout once it listens, and returns that
// URL. When the test ends the process is stopped: by closing its stdin first when stopOnStdinClose (it then exits on
// its own, within 10 s, or is killed), otherwise by killing it. Stdout is drained to EOF, so the process never blocks
// on a full pipe. Every wait is bounded.
func startBaseURLServer(t testing.TB, cmd *exec.Cmd, name string, stopOnStdinClose bool) string {
	t.Helper()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if line := scanner.Text(); strings.HasPrefix(line, "Base URL:") {
				found <- strings.TrimSpace(strings.TrimPrefix(line, "Base URL:"))
			}
		}
		close(exited)
	}()
	t.Cleanup(func() {
		if stopOnStdinClose {
			_ = stdin.Close()
		} else {
			_ = cmd.Process.Kill()
		}
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		_ = cmd.Wait()
	})
	select {
	case url := <-found:
		return url
	case <-exited:
		t.Fatalf("%s exited before printing its base URL", name)
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not print its base URL within 60 s", name)
	}
	return ""
}

func openSession(t testing.TB, url string, opts *SessionOptions) *Session {
	t.Helper()
	s, err := OpenSession(url, testAPIKey, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func firstRequest() []byte {
	return []byte(`{"type":"response.create","model":"gpt-emulator","instructions":"You are a coding agent.",` +
		`"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix the failing test."}]}]}`)
}

type functionCall struct {
	Type   string `json:"type"`
	CallID string `json:"call_id"`
	Name   string `json:"name"`
}

// runToolLoop sends the first turn and answers every function call with a deterministic output until a turn has none.
// total counts the events of every turn.
func runToolLoop(t testing.TB, s *Session) (turns, calls int, last []Event, total int) {
	t.Helper()
	request := firstRequest()
	for turns = 1; turns <= 64; turns++ {
		events, err := s.RunTurn(request, 30*time.Second)
		if err != nil {
			t.Fatalf("turn %d: %v", turns, err)
		}
		total += len(events)
		if request = answerCalls(t, turns, events, &calls); request == nil {
			return turns, calls, events, total
		}
	}
	t.Fatal("the tool loop did not finish within 64 turns")
	return
}

// answerCalls checks that a turn completed and returns the next request, with a deterministic output for each of its
// function calls (counted in calls), or nil when it made none: the loop is over.
func answerCalls(t testing.TB, turn int, events []Event, calls *int) []byte {
	t.Helper()
	if len(events) == 0 || events[len(events)-1].Type != "response.completed" {
		t.Fatalf("turn %d did not end with response.completed", turn)
	}
	var outputs []map[string]string
	for _, e := range events {
		if e.Type != "response.output_item.done" {
			continue
		}
		var done struct{ Item functionCall }
		if err := json.Unmarshal(e.RawJSON, &done); err != nil {
			t.Fatal(err)
		}
		if done.Item.Type == "function_call" {
			*calls++
			outputs = append(outputs, map[string]string{"type": "function_call_output", "call_id": done.Item.CallID,
				"output": fmt.Sprintf("%s ok #%d", done.Item.Name, *calls)})
		}
	}
	if len(outputs) == 0 {
		return nil
	}
	request, _ := json.Marshal(map[string]any{"type": "response.create", "input": outputs})
	return request
}

func TestSessionToolLoop(t *testing.T) {
	url := startEmulator(t)
	for _, mode := range []string{"websocket", "http"} {
		t.Run(mode, func(t *testing.T) {
			before, _ := LiveHandles()
			s := openSession(t, url, &SessionOptions{Mode: mode})
			turns, calls, last, _ := runToolLoop(t, s)
			if turns != scriptedTurns || calls != scriptedCalls {
				t.Fatalf("%d turns and %d calls; the scripted agent makes %d and %d", turns, calls, scriptedTurns, scriptedCalls)
			}
			var text strings.Builder
			for _, e := range last {
				if e.Kind == 46 && e.Delta != nil {
					text.WriteString(*e.Delta)
				}
			}
			if text.Len() == 0 {
				t.Fatal("the final turn has no text")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if after, _ := LiveHandles(); after != before {
				t.Fatalf("live handles %d after close, %d before", after, before)
			}
		})
	}
}

func TestSessionRequestErrors(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	if err := s.Send([]byte("{not json")); !errors.Is(err, ErrJSON) {
		t.Fatalf("bad JSON: %v", err)
	}
	if err := s.Send(firstRequest()); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(firstRequest()); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("send during a turn: %v", err)
	}
	for {
		_, status, err := s.Next(30 * time.Second)
		if err != nil || status == StatusNoEvent {
			t.Fatalf("status %d, err %v", status, err)
		}
		if status == StatusTurnDone {
			break
		}
	}
	if _, status, err := s.Next(0); status != StatusTurnDone || err != nil {
		t.Fatalf("after the turn: status %d, err %v", status, err)
	}
}

func TestSessionWrongAPIKeyIsTypedAndRedacted(t *testing.T) {
	url := startEmulator(t, "--api-key", "the-only-accepted-key")
	zero := 0
	s := openSession(t, url, &SessionOptions{MaxReconnectAttempts: &zero})
	_, err := s.RunTurn(firstRequest(), 30*time.Second)
	if !errors.Is(err, ErrConnection) && !errors.Is(err, ErrAPI) {
		t.Fatalf("wrong key: %v", err)
	}
	if strings.Contains(err.Error(), testAPIKey) || strings.Contains(err.Error(), testAPIKey[3:20]) {
		t.Fatalf("the error shows the API key: %v", err)
	}
}

func TestSessionEchoedAPIKeyIsRedacted(t *testing.T) {
	// A server that rejects the key by echoing it in full, as some once did.
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		body, _ := json.Marshal(map[string]any{"error": map[string]any{"type": "invalid_request_error", "code": "invalid_api_key",
			"param": key, "message": "Incorrect API key provided: " + key + "."}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write(body)
	}))
	defer server.Close()
	s := openSession(t, server.URL+"/v1/", &SessionOptions{Mode: "http"})
	_, err := s.RunTurn(firstRequest(), 30*time.Second)
	if !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "Incorrect API key provided: [redacted].") || strings.Contains(err.Error(), testAPIKey) {
		t.Fatalf("echoed key: %v", err)
	}
}

func TestSessionShortAPIKeyLeavesTheMessageIntact(t *testing.T) {
	// Keys under 8 characters are not searched for: "k" would turn "Unknown path" into "Un[redacted]nown path".
	url := startEmulator(t)
	s, err := OpenSession(url+"nope/", "k", &SessionOptions{Mode: "http"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.RunTurn(firstRequest(), 30*time.Second)
	if !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "Unknown path '/v1/nope/responses'") || strings.Contains(err.Error(), "[redacted]") {
		t.Fatalf("short key: %v", err)
	}
}

func TestSessionAcceptsTheWebSocketURLForm(t *testing.T) {
	// The base URL is http://127.0.0.1:PORT/v1/; users also paste the endpoint itself (wss://.../v1/responses).
	base := startEmulator(t)
	endpoint := strings.TrimSuffix(strings.Replace(base, "http://", "ws://", 1), "/") + "/responses"
	for _, url := range []string{endpoint, endpoint + "/", strings.TrimSuffix(base, "/") + "/responses"} {
		s := openSession(t, url, nil)
		events, err := s.RunTurn(firstRequest(), 30*time.Second)
		if err != nil || len(events) == 0 || events[len(events)-1].Type != "response.completed" {
			t.Fatalf("%s: %d events, %v", url, len(events), err)
		}
	}
}

func TestSessionOpenErrors(t *testing.T) {
	for _, url := range []string{"not a url", "ftp://127.0.0.1/v1/", ""} {
		if _, err := OpenSession(url, testAPIKey, nil); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("url %q: %v", url, err)
		}
	}
	_, err := OpenSession("http://127.0.0.1:1/v1/", testAPIKey, &SessionOptions{Mode: "carrier-pigeon"})
	if !errors.Is(err, ErrInvalidArgument) || strings.Contains(err.Error(), testAPIKey) {
		t.Errorf("bad mode: %v", err)
	}
}

func TestSessionNothingListening(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("http://%s/v1/", listener.Addr())
	listener.Close()
	zero := 0
	s := openSession(t, url, &SessionOptions{ConnectTimeoutMS: 2000, MaxReconnectAttempts: &zero})
	if _, err := s.RunTurn(firstRequest(), 30*time.Second); !errors.Is(err, ErrConnection) || strings.Contains(err.Error(), testAPIKey) {
		t.Fatalf("nothing listening: %v", err)
	}
}

func TestSessionClosed(t *testing.T) {
	s, err := OpenSession("http://127.0.0.1:1/v1/", testAPIKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if err := s.Send(firstRequest()); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("send after close: %v", err)
	}
	if _, _, err := s.Next(0); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("next after close: %v", err)
	}
}

func TestSessionsOnTwoGoroutines(t *testing.T) {
	url := startEmulator(t)
	type result struct{ turns, calls int }
	results := make([]result, 2)
	done := make(chan struct{})
	for i, mode := range []string{"websocket", "http"} {
		go func(i int, mode string) {
			defer func() { done <- struct{}{} }()
			// Each goroutine owns its session; t.Fatal is not allowed off the test goroutine, so errors are recorded.
			s, err := OpenSession(url, testAPIKey, &SessionOptions{Mode: mode})
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			request := firstRequest()
			for results[i].turns = 1; results[i].turns <= 64; results[i].turns++ {
				events, err := s.RunTurn(request, 30*time.Second)
				if err != nil {
					t.Errorf("%s turn %d: %v", mode, results[i].turns, err)
					return
				}
				var outputs []map[string]string
				for _, e := range events {
					var done struct{ Item functionCall }
					if e.Type == "response.output_item.done" && json.Unmarshal(e.RawJSON, &done) == nil && done.Item.Type == "function_call" {
						results[i].calls++
						outputs = append(outputs, map[string]string{"type": "function_call_output", "call_id": done.Item.CallID, "output": "ok"})
					}
				}
				if len(outputs) == 0 {
					return
				}
				request, _ = json.Marshal(map[string]any{"type": "response.create", "input": outputs})
			}
		}(i, mode)
	}
	for range results {
		select {
		case <-done:
		case <-time.After(120 * time.Second):
			t.Fatal("a session goroutine did not finish")
		}
	}
	for i, r := range results {
		if r.turns != scriptedTurns || r.calls != scriptedCalls {
			t.Errorf("session %d: %d turns, %d calls", i, r.turns, r.calls)
		}
	}
}

func TestSessionOpenCloseLeavesNoHandle(t *testing.T) {
	before, _ := LiveHandles()
	for i := 0; i < 5000; i++ {
		s, err := OpenSession("http://127.0.0.1:1/v1/", testAPIKey, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	if after, _ := LiveHandles(); after != before {
		t.Fatalf("live handles %d, %d before", after, before)
	}
}
