package protocolcore

import (
	"syscall"
	"testing"
	"time"
)

// Cost of a session: the emulator's scripted tool loop (19 turns, 24 tool calls) against
// `protocolcore serve --port 0 --zero-cost`, one whole loop on a fresh session per op. Besides ns/op it reports
// wall and client CPU (this process: Go, cgo and the library's I/O threads; the emulator is another process) per
// turn and per event. go test -run - -bench Session -benchtime 20x ./...

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

func BenchmarkSessionToolLoopWebSocket(b *testing.B) { benchmarkToolLoop(b, "websocket") }

func BenchmarkSessionToolLoopHTTP(b *testing.B) { benchmarkToolLoop(b, "http") }
