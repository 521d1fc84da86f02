package protocolcore

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

func TestSendWithADoneContextSendsNothing(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, firstRequest()); err != context.Canceled {
		t.Fatalf("send: %v", err)
	}
	// No turn started: the session reports the (absent) turn over and takes the next send.
	if _, err := s.Next(guard(t)); err != io.EOF {
		t.Fatalf("next: %v", err)
	}
	if _, err := s.RunTurn(ctx, firstRequest(), nil); err != context.Canceled {
		t.Fatalf("run turn: %v", err)
	}
	if result, err := s.RunTurn(guard(t), firstRequest(), nil); err != nil || len(result.FunctionCalls) != 2 {
		t.Fatalf("the first turn after: %+v, %v", result, err)
	}
}

// The emulator stalls each response 3 s after response.in_progress (delay_ms): a deadline of 100 ms cannot be met,
// whatever the machine's load, and must come back as context.DeadlineExceeded itself.
func TestDeadlineWhileWaitingIsDeadlineExceeded(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	result, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), nil)
	if err != context.DeadlineExceeded || result == nil || result.Terminal != KindUnknown {
		t.Fatalf("%+v, %v", result, err)
	}
	if errors.Is(err, ErrInterrupted) || errors.Is(err, ErrAPI) {
		t.Fatalf("a deadline is not a session error: %v", err)
	}
}

func TestCancelWhileWaitingIsCanceled(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx, cancel := context.WithCancel(guard(t))
	defer cancel()
	// Cancelled from another goroutine once the response is running, while the emulator stalls it.
	result, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), func(v *EventView) {
		if v.Kind == KindResponseInProgress {
			time.AfterFunc(20*time.Millisecond, cancel)
		}
	})
	if err != context.Canceled || result.ResponseID == "" || result.Events < 2 {
		t.Fatalf("%+v, %v", result, err)
	}
}

// After a deadline the turn is over (cancelled): the session takes the next turn, which completes.
func TestSessionIsUsableAfterADeadline(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), nil); err != context.DeadlineExceeded {
		t.Fatalf("first turn: %v", err)
	}
	if _, err := s.Next(guard(t)); err != io.EOF {
		t.Fatalf("after the deadline: %v", err)
	}
	// The template keeps the 3 s stall; the guard is far above it.
	result, err := s.RunTurn(guard(t), firstRequest(), nil)
	if err != nil || result.Terminal != KindResponseCompleted || len(result.FunctionCalls) != 2 {
		t.Fatalf("the next turn: %+v, %v", result, err)
	}
}

// A context already done when Next is called cancels the turn: its buffered events are dropped.
func TestDoneContextCancelsABufferedTurn(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx := guard(t)
	if err := s.Send(ctx, firstRequest()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(ctx); err != nil { // response.created: the turn runs
		t.Fatal(err)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Next(done); err != context.Canceled {
		t.Fatalf("next with a done context: %v", err)
	}
	if e, err := s.Next(ctx); err != io.EOF {
		t.Fatalf("after the cancel: %s, %v", e.Type, err)
	}
	if result, err := s.RunTurn(ctx, firstRequest(), nil); err != nil || result.Terminal != KindResponseCompleted {
		t.Fatalf("the next turn: %+v, %v", result, err)
	}
}

// Session.Cancel from another goroutine, while RunTurn waits in the library during the emulator's stall.
func TestCancelFromAnotherGoroutine(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	ctx := guard(t)
	if err := s.Cancel(); err != nil {
		t.Fatalf("cancel without a turn: %v", err)
	}
	cancelled := make(chan error, 1)
	result, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), func(v *EventView) {
		if v.Kind == KindResponseInProgress {
			time.AfterFunc(20*time.Millisecond, func() { cancelled <- s.Cancel() })
		}
	})
	if !errors.Is(err, ErrCancelled) || result.ResponseID == "" || result.Terminal != KindUnknown {
		t.Fatalf("%+v, %v", result, err)
	}
	if err := <-cancelled; err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if _, err := s.Next(ctx); err != io.EOF {
		t.Fatalf("after the cancel: %v", err)
	}
	if result, err := s.RunTurn(ctx, firstRequest(), nil); err != nil || result.Terminal != KindResponseCompleted {
		t.Fatalf("the next turn: %+v, %v", result, err)
	}
	s.Close()
	if err := s.Cancel(); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("cancel after close: %v", err)
	}
}

// Many turns cancelled at random points by their context, from the goroutine that waits or before the wait: every
// one ends with ctx.Err() or completes, the session never wedges, and no handle leaks.
func TestRandomContextCancellation(t *testing.T) {
	url := startEmulator(t)
	before, _ := LiveHandles()
	s, err := OpenSession(url, testAPIKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	outer := guard(t)
	outcomes := map[string]int{}
	for i := 0; i < 30; i++ {
		ctx, cancel := context.WithCancel(outer)
		stopAt := i % 12 // cancel on the stopAt-th event (the scripted first turn has more than 12)
		events := 0
		result, err := s.RunTurn(ctx, firstRequest(), func(v *EventView) {
			if events++; events == stopAt {
				if i%2 == 0 {
					cancel()
				} else {
					go cancel()
				}
			}
		})
		cancel()
		switch {
		case err == context.Canceled:
			outcomes["canceled"]++
		case err == nil && result.Terminal == KindResponseCompleted:
			outcomes["completed"]++
		default:
			t.Fatalf("turn %d (cancel at event %d): %+v, %v", i, stopAt, result, err)
		}
		if _, err := s.Next(outer); err != io.EOF {
			t.Fatalf("turn %d: after it, %v", i, err)
		}
	}
	if outcomes["canceled"] == 0 {
		t.Fatalf("no turn was cancelled: %v", outcomes)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := LiveHandles(); after != before {
		t.Fatalf("live handles %d, %d before", after, before)
	}
	t.Logf("outcomes: %v", outcomes)
}

// holdNativeCalls makes every bounded native call (Send, TurnInfo, Close) wait before entering the library until the
// returned release is called, as the library itself waits (up to 5 s) when a cancelled turn's connection is slow to
// close: a deadline then cannot be met, whatever the machine's load.
func holdNativeCalls(t *testing.T) (release func()) {
	held := make(chan struct{})
	var once sync.Once
	nativeCallHook = func() { <-held }
	release = func() { once.Do(func() { close(held) }) }
	t.Cleanup(func() {
		release()
		nativeCallHook = nil
	})
	return release
}

// cancelByDeadline runs a stalled turn until its deadline: the turn is cancelled and its connection dropped.
func cancelByDeadline(t *testing.T, s *Session) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := s.RunTurn(ctx, requestWithFault("delay_ms:3000"), nil); err != context.DeadlineExceeded {
		t.Fatalf("the cancelled turn: %v", err)
	}
}

// The send after a cancelled turn may wait in the library (for that turn's connection to close): its ctx bounds the
// wait, Send returns context.DeadlineExceeded, and the send left running is waited for by the session's next calls
// (TurnInfo's and Next's own deadlines bound that). No turn runs for the caller: the binding cancels the one the
// abandoned send started, and the session takes the next turn, which completes.
func TestDeadlineWhileSendWaitsAfterACancelledTurn(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	cancelByDeadline(t, s)
	release := holdNativeCalls(t)
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := s.Send(short, firstRequest())
	if err != context.DeadlineExceeded || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("send: %v", err)
	}
	if _, err := s.TurnInfo(short); err != context.DeadlineExceeded {
		t.Fatalf("turn info while the send runs: %v", err)
	}
	if _, err := s.Next(short); err != context.DeadlineExceeded {
		t.Fatalf("next while the send runs: %v", err)
	}
	release()
	ctx := guard(t)
	if _, err := s.Next(ctx); err != io.EOF {
		t.Fatalf("after the abandoned send: %v", err)
	}
	result, err := s.RunTurn(ctx, firstRequest(), nil)
	if err != nil || result.Terminal != KindResponseCompleted || len(result.FunctionCalls) != 2 {
		t.Fatalf("the next turn: %+v, %v", result, err)
	}
	if info, err := s.TurnInfo(ctx); err != nil || !info.Done || info.Status != StatusOK || info.ResponseID != result.ResponseID {
		t.Fatalf("its figures: %+v, %v", info, err)
	}
}

// A cancelled turn's figures may wait for its connection to close too: TurnInfo's ctx bounds the wait; once the call
// left running is over, the figures come.
func TestDeadlineWhileTurnInfoWaitsAfterACancelledTurn(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	cancelByDeadline(t, s)
	release := holdNativeCalls(t)
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := s.TurnInfo(short); err != context.DeadlineExceeded {
		t.Fatalf("turn info: %v", err)
	}
	release()
	ctx := guard(t)
	if info, err := s.TurnInfo(ctx); err != nil || !info.Done || info.Status != StatusCancelled {
		t.Fatalf("turn info: %+v, %v", info, err)
	}
	if result, err := s.RunTurn(ctx, firstRequest(), nil); err != nil || result.Terminal != KindResponseCompleted {
		t.Fatalf("the next turn: %+v, %v", result, err)
	}
}

// CloseContext waits for a call left running before it closes, bounded by its ctx: it returns ctx.Err(), the session
// is closed for the caller at once, and the library's handle is released in the background once that call is over.
func TestDeadlineWhileClosingWaitsForASendLeftRunning(t *testing.T) {
	url := startEmulator(t)
	before, _ := LiveHandles()
	s, err := OpenSession(url, testAPIKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	cancelByDeadline(t, s)
	release := holdNativeCalls(t)
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := s.Send(short, firstRequest()); err != context.DeadlineExceeded {
		t.Fatalf("send: %v", err)
	}
	if err := s.CloseContext(short); err != context.DeadlineExceeded {
		t.Fatalf("close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("close again: %v", err)
	}
	if err := s.Send(guard(t), firstRequest()); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("send after close: %v", err)
	}
	if err := s.Cancel(); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("cancel after close: %v", err)
	}
	release()
	// The background close ends within the library's bounds; the guard only keeps a fault from hanging the test.
	ctx := guard(t)
	for {
		if after, _ := LiveHandles(); after == before {
			break
		}
		select {
		case <-ctx.Done():
			after, _ := LiveHandles()
			t.Fatalf("live handles %d, %d before", after, before)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
