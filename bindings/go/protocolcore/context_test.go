package protocolcore

import (
	"context"
	"errors"
	"io"
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
