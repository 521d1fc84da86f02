package protocolcore

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// ScriptedCodingAgent.FinalMessage starts so.
	scriptedFinalPrefix = "Fixed ✅ — all 42 tests pass."
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

// collectTurn sends request and pulls the turn's events (copied) until io.EOF, or until its error.
func collectTurn(ctx context.Context, s *Session, request []byte) ([]Event, error) {
	if err := s.Send(ctx, request); err != nil {
		return nil, err
	}
	var events []Event
	for {
		e, err := s.Next(ctx)
		if err == io.EOF {
			return events, nil
		}
		if err != nil {
			return events, err
		}
		events = append(events, e)
	}
}

// guard bounds a whole test's waiting: far past what any test needs, so reaching it means a hang, not slowness.
func guard(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// runToolLoop sends the first turn and answers every function call with a deterministic output until a turn has none,
// by hand (RunTurn and FunctionCallOutputs; ToolLoop is tested on its own). total counts the events of every turn.
func runToolLoop(t testing.TB, s *Session) (turns, calls int, last *TurnResult, total int) {
	t.Helper()
	ctx := guard(t)
	request := firstRequest()
	for turns = 1; turns <= 64; turns++ {
		result, err := s.RunTurn(ctx, request, nil)
		if err != nil {
			t.Fatalf("turn %d: %v", turns, err)
		}
		total += result.Events
		if request = answerCalls(t, turns, result, &calls); request == nil {
			return turns, calls, result, total
		}
	}
	t.Fatal("the tool loop did not finish within 64 turns")
	return
}

// answerCalls checks that a turn completed and returns the next request, with a deterministic output for each of its
// function calls (counted in calls), or nil when it made none: the loop is over.
func answerCalls(t testing.TB, turn int, result *TurnResult, calls *int) []byte {
	t.Helper()
	if result.Terminal != KindResponseCompleted || result.Status != "completed" || !strings.HasPrefix(result.ResponseID, "resp_") {
		t.Fatalf("turn %d: terminal %v, status %q, response id %q", turn, result.Terminal, result.Status, result.ResponseID)
	}
	if len(result.FunctionCalls) == 0 {
		return nil
	}
	var outputs []FunctionCallOutput
	for _, call := range result.FunctionCalls {
		*calls++
		if call.CallID == "" || call.Name == "" || !json.Valid([]byte(call.Arguments)) {
			t.Fatalf("turn %d: call %+v", turn, call)
		}
		outputs = append(outputs, FunctionCallOutput{CallID: call.CallID, Output: fmt.Sprintf("%s ok #%d", call.Name, *calls)})
	}
	return FunctionCallOutputs(outputs)
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
			if !strings.HasPrefix(last.Text, scriptedFinalPrefix) {
				t.Fatalf("the final turn's text: %q", last.Text)
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
	ctx := guard(t)
	s := openSession(t, startEmulator(t), nil)
	if err := s.Send(ctx, []byte("{not json")); !errors.Is(err, ErrJSON) {
		t.Fatalf("bad JSON: %v", err)
	}
	if err := s.Send(ctx, firstRequest()); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(ctx, firstRequest()); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("send during a turn: %v", err)
	}
	for {
		_, err := s.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Next(ctx); err != io.EOF {
		t.Fatalf("after the turn: %v", err)
	}
}

func TestSessionWrongAPIKeyIsTypedAndRedacted(t *testing.T) {
	url := startEmulator(t, "--api-key", "the-only-accepted-key")
	zero := 0
	s := openSession(t, url, &SessionOptions{MaxReconnectAttempts: &zero})
	_, err := s.RunTurn(guard(t), firstRequest(), nil)
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
	_, err := s.RunTurn(guard(t), firstRequest(), nil)
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
	_, err = s.RunTurn(guard(t), firstRequest(), nil)
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
		result, err := s.RunTurn(guard(t), firstRequest(), nil)
		if err != nil || result.Terminal != KindResponseCompleted {
			t.Fatalf("%s: %+v, %v", url, result, err)
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
	if _, err := s.RunTurn(guard(t), firstRequest(), nil); !errors.Is(err, ErrConnection) || strings.Contains(err.Error(), testAPIKey) {
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
	ctx := context.Background()
	if err := s.Send(ctx, firstRequest()); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("send after close: %v", err)
	}
	if _, err := s.Next(ctx); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("next after close: %v", err)
	}
	var v EventView
	if err := s.NextView(ctx, &v); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("next view after close: %v", err)
	}
	if _, err := s.RunTurn(ctx, firstRequest(), nil); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("run turn after close: %v", err)
	}
}

func TestSessionsOnTwoGoroutines(t *testing.T) {
	url := startEmulator(t)
	ctx := guard(t)
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
				turn, err := s.RunTurn(ctx, request, nil)
				if err != nil {
					t.Errorf("%s turn %d: %v", mode, results[i].turns, err)
					return
				}
				if len(turn.FunctionCalls) == 0 {
					return
				}
				var outputs []FunctionCallOutput
				for _, call := range turn.FunctionCalls {
					results[i].calls++
					outputs = append(outputs, FunctionCallOutput{CallID: call.CallID, Output: "ok"})
				}
				request = FunctionCallOutputs(outputs)
			}
		}(i, mode)
	}
	for range results {
		<-done // each goroutine's waits are bounded by ctx
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
