package protocolcore

import (
	"context"
	"io"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Cost of a session: the emulator's scripted tool loop (19 turns, 24 tool calls) against
// `protocolcore serve --port 0 --zero-cost`, one whole loop on a fresh session per op. Besides ns/op it reports
// wall and client CPU (this process: Go, cgo and the library's I/O threads; the emulator is another process) per
// turn and per event. go test -run - -bench SessionToolLoop -benchtime 20x ./...

func cpuTime() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func benchmarkToolLoop(b *testing.B, mode string) {
	url := startEmulator(b)
	// One untimed loop first: the emulator's JIT and the library's connection setup warm up.
	runToolLoop(b, openSession(b, url, &SessionOptions{Mode: mode}))
	turns, events := 0, 0
	cpu := cpuTime()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		s, err := OpenSession(url, testAPIKey, &SessionOptions{Mode: mode})
		if err != nil {
			b.Fatal(err)
		}
		n, _, _, count := runToolLoop(b, s)
		turns += n
		events += count
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	wall := time.Since(start)
	cpu = cpuTime() - cpu
	b.StopTimer()
	b.ReportMetric(float64(wall.Nanoseconds())/float64(turns), "wall-ns/turn")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(turns), "cpu-ns/turn")
	b.ReportMetric(float64(wall.Nanoseconds())/float64(events), "wall-ns/event")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(events), "cpu-ns/event")
	b.ReportMetric(float64(events)/float64(turns), "events/turn")
}

// BenchmarkSessionNextBuffered times the pull alone: each turn of the tool loop is sent and given 100 ms to arrive
// whole (the zero-cost emulator needs about 1 ms; the session buffers 256 events) before each Next call is timed, so
// the figures are pc_session_next_event plus the Go copy, without waiting for the server. It reports the mean and
// the median per event: the first pulls after the idle wait run with cold caches and make the mean several times the
// median. One op is one event; ns/op means nothing here (the timer stays stopped: StartTimer/StopTimer around each
// pull would cost more than the pull).
func BenchmarkSessionNextBuffered(b *testing.B) {
	url := startEmulator(b)
	ctx := context.Background()
	b.StopTimer()
	var s *Session
	var request []byte
	turn, calls := 0, 0
	var pulls []time.Duration
	for len(pulls) < b.N {
		if s == nil {
			var err error
			if s, err = OpenSession(url, testAPIKey, nil); err != nil {
				b.Fatal(err)
			}
			request, turn, calls = firstRequest(), 0, 0
		}
		if err := s.Send(ctx, request); err != nil {
			b.Fatal(err)
		}
		turn++
		time.Sleep(100 * time.Millisecond)
		result := &TurnResult{}
		var text strings.Builder
		for {
			start := time.Now()
			event, err := s.Next(ctx)
			took := time.Since(start)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatalf("turn %d: %v", turn, err)
			}
			pulls = append(pulls, took)
			// The result is read outside the timed pull, from a view of the copied event.
			v := EventView{Kind: event.Kind, RawJSON: event.RawJSON}
			if err := result.add(&v, &text); err != nil {
				b.Fatal(err)
			}
		}
		if request = answerCalls(b, turn, result, &calls); request == nil {
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			s = nil
		}
	}
	if s != nil {
		s.Close()
	}
	var total time.Duration
	for _, d := range pulls {
		total += d
	}
	sort.Slice(pulls, func(i, j int) bool { return pulls[i] < pulls[j] })
	b.ReportMetric(float64(total.Nanoseconds())/float64(len(pulls)), "mean-ns/event")
	b.ReportMetric(float64(pulls[len(pulls)/2].Nanoseconds()), "p50-ns/event")
}

func BenchmarkSessionToolLoopWebSocket(b *testing.B) { benchmarkToolLoop(b, "websocket") }

func BenchmarkSessionToolLoopHTTP(b *testing.B) { benchmarkToolLoop(b, "http") }
