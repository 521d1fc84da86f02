package protocolcore

// Issue 10 §4, lighter: native sessions through a fault storm (tests/ProtocolCore.FaultServer). Four sessions on four
// goroutines run 30 turns each; every turn's fault (a FIN, RST or close frame at the upgrade, the request, after
// response.created, mid-stream, mid-frame, after the terminal event, idle, or a stall) comes from one seeded schedule
// (PROTOCOLCORE_FAULT_STORM_SEED replays another). A turn must complete with exactly its own events or fail with
// ErrInterrupted, ErrAPI or ErrConnection; the server must never receive a request twice (the test never retries one)
// nor see a lost or crossed item; no turn may outlast the hang guard, and Close must not fail. Violations from every
// goroutine are counted and asserted once. The helpers mirror FaultDirective.cs and StormResponse.cs.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	stormSessions        = 4
	stormTurnsPerSession = 30
	stormReconnects      = 3
	stormDefaultSeed     = 20261202
	// Far past every configured timeout: a turn without an event for this long is hung (a guard, not a timing test).
	stormHangGuard = 45 * time.Second
)

// stormWeights are the fault points (FaultPoint.cs) with the storm's relative weights.
var stormWeights = []struct {
	point  string
	weight int
}{
	{"none", 24}, {"request", 7}, {"created", 7}, {"mid_stream", 8}, {"mid_frame", 9}, {"terminal", 7}, {"idle", 8},
	{"stall_first", 2}, {"stall_mid", 2}, {"evict", 7}, {"server_error", 5},
	{"upgrade_request", 4}, {"upgrade_response", 4}, {"upgrade_stall", 2},
}

var stormCuts = []string{"close", "reset", "goaway"}

func isUpgrade(point string) bool { return strings.HasPrefix(point, "upgrade_") }

// neverComplete: faults after which a completed turn would mean the server ran the request twice.
func neverComplete(point string) bool {
	switch point {
	case "request", "created", "mid_stream", "mid_frame", "stall_first", "stall_mid", "server_error":
		return true
	}
	return false
}

// fnv1a is StormResponse.Hash: FNV-1a over UTF-16 code units (the ids are ASCII).
func fnv1a(text string) uint32 {
	h := uint32(2166136261)
	for _, c := range text {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// stormDeltas is StormResponse.Deltas: "[ID#i]" then filler made of the id, 3 to 8 of them.
func stormDeltas(id string) []string {
	deltas := make([]string, 3+fnv1a(id)%6)
	for i := range deltas {
		h := fnv1a(fmt.Sprintf("%s#%d", id, i))
		length := int(h % 200)
		if i%3 == 2 {
			length = 1000 + int(h%1500)
		}
		filler := strings.Repeat(id+"~", length/(len(id)+1)+1)[:length]
		deltas[i] = fmt.Sprintf("[%s#%d]%s", id, i, filler)
	}
	return deltas
}

func stormTypes(id string) []string {
	types := []string{"response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"}
	for range stormDeltas(id) {
		types = append(types, "response.output_text.delta")
	}
	return append(types, "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed")
}

// checkStormEvents returns "" when events are the response's events in order (all of them, or a prefix), else the
// first difference.
func checkStormEvents(id string, events []Event, complete bool) string {
	types, deltas := stormTypes(id), stormDeltas(id)
	if (complete && len(events) != len(types)) || len(events) > len(types) {
		return fmt.Sprintf("%d events (the response has %d)", len(events), len(types))
	}
	for i, e := range events {
		if e.Type != types[i] || e.SequenceNumber != int64(i) {
			return fmt.Sprintf("event %d is %s #%d (expected %s #%d)", i, e.Type, e.SequenceNumber, types[i], i)
		}
		switch e.Type {
		case "response.output_text.delta":
			if e.Delta == nil || *e.Delta != deltas[i-4] || e.ItemID == nil || *e.ItemID != "msg_"+id {
				return fmt.Sprintf("event %d has a delta of another response or position", i)
			}
		case "response.created", "response.in_progress", "response.completed":
			var lifecycle struct {
				Response struct {
					ID     string `json:"id"`
					Output []struct {
						Content []struct {
							Text string `json:"text"`
						} `json:"content"`
					} `json:"output"`
				} `json:"response"`
			}
			if err := json.Unmarshal(e.RawJSON, &lifecycle); err != nil || lifecycle.Response.ID != "resp_"+id {
				return fmt.Sprintf("event %d (%s) has response id %q (%v)", i, e.Type, lifecycle.Response.ID, err)
			}
			if e.Type == "response.completed" && (len(lifecycle.Response.Output) != 1 || len(lifecycle.Response.Output[0].Content) != 1 ||
				lifecycle.Response.Output[0].Content[0].Text != strings.Join(deltas, "")) {
				return "response.completed without the streamed text"
			}
		}
	}
	return ""
}

type stormTurn struct {
	fault     string // the fault this turn meets
	id        string
	directive string // FaultDirective.Format
	own       string // the directive's own fault
}

// stormPlan: per session, per turn; an upgrade fault is armed by the directive of the turn before.
func stormPlan(seed int64) [][]stormTurn {
	rng := rand.New(rand.NewSource(seed))
	var points []string
	for _, w := range stormWeights {
		for i := 0; i < w.weight; i++ {
			points = append(points, w.point)
		}
	}
	plan := make([][]stormTurn, stormSessions)
	for s := range plan {
		ups := make([]string, stormTurnsPerSession)
		turns := make([]stormTurn, stormTurnsPerSession)
		for t := range turns {
			point := points[rng.Intn(len(points))]
			if t == 0 && isUpgrade(point) {
				point = "none"
			}
			id := fmt.Sprintf("go%02d-t%03d", s, t)
			events := 8 + len(stormDeltas(id))
			at := 0
			switch point {
			case "mid_stream":
				at = 2 + rng.Intn(events-2)
			case "mid_frame", "stall_mid":
				at = 1 + rng.Intn(events-1)
			}
			own := point
			if isUpgrade(point) {
				own = "none"
				count := 1
				if point != "upgrade_stall" {
					count = 1 + rng.Intn(stormReconnects+1)
				}
				ups[t-1] = fmt.Sprintf(" up=%s:%s:%d", point, stormCuts[rng.Intn(3)], count)
			}
			turns[t] = stormTurn{fault: point, id: id, own: own,
				directive: fmt.Sprintf("storm id=%s fault=%s cut=%s at=%d delay=%d", id, own, stormCuts[rng.Intn(3)], at, rng.Intn(30))}
		}
		for t := range turns {
			turns[t].directive += ups[t]
		}
		plan[s] = turns
	}
	return plan
}

type stormTally struct {
	mu         sync.Mutex
	turns      int
	completed  int
	outcomes   map[string]map[string]int
	violations map[string]map[string]int
}

func (t *stormTally) outcome(fault, outcome string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.turns++
	if outcome == "completed" {
		t.completed++
	}
	if t.outcomes[fault] == nil {
		t.outcomes[fault] = map[string]int{}
	}
	t.outcomes[fault][outcome]++
}

func (t *stormTally) fail(category, detail string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.violations[category] == nil {
		t.violations[category] = map[string]int{}
	}
	t.violations[category][detail]++
}

func (t *stormTally) report() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "%d turns, %d completed. Outcomes by fault:\n", t.turns, t.completed)
	for _, fault := range sortedKeys(t.outcomes) {
		var parts []string
		for _, outcome := range sortedKeys(t.outcomes[fault]) {
			parts = append(parts, fmt.Sprintf("%s %d", outcome, t.outcomes[fault][outcome]))
		}
		fmt.Fprintf(&b, "  %s: %s\n", fault, strings.Join(parts, ", "))
	}
	if len(t.violations) == 0 {
		b.WriteString("No violations.\n")
	} else {
		b.WriteString("Violations:\n")
	}
	for _, category := range sortedKeys(t.violations) {
		total := 0
		for _, n := range t.violations[category] {
			total += n
		}
		fmt.Fprintf(&b, "  %s: %d\n", category, total)
		for i, detail := range sortedKeys(t.violations[category]) {
			if i == 12 {
				fmt.Fprintf(&b, "    ...\n")
				break
			}
			fmt.Fprintf(&b, "    %d x %s\n", t.violations[category][detail], detail)
		}
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// startFaultServer runs the fault server (built first if missing) on 127.0.0.1 and returns its base URL; the process
// ends when the test does (stdin closed, then killed). Every wait is bounded.
func startFaultServer(t *testing.T) string {
	t.Helper()
	project := filepath.Join(repoRoot(t), "tests", "ProtocolCore.FaultServer")
	exe := filepath.Join(project, "bin", "Release", "net10.0", "ProtocolCore.FaultServer")
	if _, err := os.Stat(exe); err != nil {
		build := exec.Command("dotnet", "build", filepath.Join(project, "ProtocolCore.FaultServer.csproj"), "-c", "Release", "--nologo", "-v", "quiet")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building the fault server: %v\n%s", err, out)
		}
	}
	return startBaseURLServer(t, exec.Command(exe, "--port", "0"), "the fault server", true)
}

func runStormSession(url string, turns []stormTurn, tally *stormTally) {
	reconnects := stormReconnects
	noFallback := false
	s, err := OpenSession(url, "sk-fault-storm", &SessionOptions{ConnectTimeoutMS: 2000, FirstEventTimeoutMS: 3000, IdleTimeoutMS: 3000,
		MaxReconnectAttempts: &reconnects, AllowHTTPFallback: &noFallback})
	if err != nil {
		tally.fail("open failed", err.Error())
		return
	}
	defer func() {
		if err := s.Close(); err != nil {
			tally.fail("close failed", err.Error())
		}
	}()
	for n, turn := range turns {
		if isUpgrade(turn.fault) {
			// The server cuts the idle connection after the previous turn; give the session a moment to see it, so this
			// turn reconnects into the armed upgrade faults rather than sending on the dying socket.
			time.Sleep(100 * time.Millisecond)
		}
		request := map[string]any{"type": "response.create", "input": []any{map[string]any{"type": "message", "role": "user",
			"content": []any{map[string]any{"type": "input_text", "text": turn.directive}}}}}
		if n == 0 {
			request["model"], request["store"] = "storm", false
		}
		body, _ := json.Marshal(request)
		// The guard is far past every timeout the session is given; a turn that reaches it is hung.
		ctx, cancel := context.WithTimeout(context.Background(), stormHangGuard)
		events, err := collectTurn(ctx, s, body)
		cancel()
		var pcErr *Error
		switch {
		case err == nil:
			tally.outcome(turn.fault, "completed")
			if wrong := checkStormEvents(turn.id, events, true); wrong != "" {
				tally.fail("completed turn with lost, duplicated or crossed events", fmt.Sprintf("%s [%s]: %s", turn.id, turn.fault, wrong))
			}
			if neverComplete(turn.own) {
				tally.fail("completed a response the server broke", fmt.Sprintf("%s [%s]", turn.id, turn.fault))
			}
		case errors.Is(err, context.DeadlineExceeded):
			tally.fail("hang", fmt.Sprintf("%s [%s]: not over within %v after %d events", turn.id, turn.fault, stormHangGuard, len(events)))
			return
		case errors.Is(err, ErrInterrupted) || errors.Is(err, ErrAPI) || errors.Is(err, ErrConnection):
			errors.As(err, &pcErr)
			tally.outcome(turn.fault, map[Status]string{StatusInterrupted: "ErrInterrupted", StatusAPI: "ErrAPI", StatusConnection: "ErrConnection"}[pcErr.Status])
			if errors.Is(err, ErrAPI) && len(events) > 0 && events[len(events)-1].Type == "error" {
				events = events[:len(events)-1]
			}
			if wrong := checkStormEvents(turn.id, events, false); wrong != "" {
				tally.fail("failed turn with wrong events before the failure", fmt.Sprintf("%s [%s]: %s", turn.id, turn.fault, wrong))
			}
		default:
			tally.outcome(turn.fault, "undocumented error")
			tally.fail("undocumented error", fmt.Sprintf("[%s] %s", turn.fault, strings.Join(strings.Fields(err.Error()), " ")))
		}
		if err != nil {
			finishFailedTurn(s, turn, tally)
		}
	}
}

// finishFailedTurn pulls a failed turn to its end: its error comes once, then io.EOF and nothing else.
func finishFailedTurn(s *Session, turn stormTurn, tally *stormTally) {
	ctx, cancel := context.WithTimeout(context.Background(), stormHangGuard)
	defer cancel()
	for {
		_, err := s.Next(ctx)
		switch {
		case err == io.EOF:
			return
		case errors.Is(err, context.DeadlineExceeded):
			tally.fail("hang", fmt.Sprintf("%s [%s]: no end of the failed turn within %v", turn.id, turn.fault, stormHangGuard))
			return
		case err != nil:
			tally.fail("a failed turn went on", fmt.Sprintf("%s [%s]: then %v", turn.id, turn.fault, err))
			return
		}
		tally.fail("a failed turn went on", fmt.Sprintf("%s [%s]: an event after the error", turn.id, turn.fault))
	}
}

func TestSessionsSurviveAFaultStorm(t *testing.T) {
	seed := int64(stormDefaultSeed)
	if configured := os.Getenv("PROTOCOLCORE_FAULT_STORM_SEED"); configured != "" {
		parsed, err := strconv.ParseInt(configured, 10, 64)
		if err != nil {
			t.Fatalf("PROTOCOLCORE_FAULT_STORM_SEED: %v", err)
		}
		seed = parsed
	}
	t.Logf("fault storm seed %d (PROTOCOLCORE_FAULT_STORM_SEED), %d sessions x %d turns", seed, stormSessions, stormTurnsPerSession)
	base := startFaultServer(t)
	tally := &stormTally{outcomes: map[string]map[string]int{}, violations: map[string]map[string]int{}}
	var wg sync.WaitGroup
	for i, turns := range stormPlan(seed) {
		wg.Add(1)
		go func(url string, turns []stormTurn) {
			defer wg.Done()
			runStormSession(url, turns, tally)
		}(fmt.Sprintf("%sgo%02d/", base, i), turns)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Minute):
		t.Fatalf("the storm still ran after 5 minutes:\n%s", tally.report())
	}

	var report struct {
		Connections      int            `json:"connections"`
		Requests         int            `json:"requests"`
		Receipts         int            `json:"receipts"`
		Replays          []string       `json:"replays"`
		ContextFailures  []string       `json:"context_failures"`
		ProtocolFailures []string       `json:"protocol_failures"`
		ServerErrors     []string       `json:"server_errors"`
		Injected         map[string]int `json:"injected"`
	}
	client := http.Client{Timeout: 30 * time.Second}
	response, err := client.Get(base + "storm/report")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(response.Body)
	response.Body.Close()
	if err != nil || json.Unmarshal(data, &report) != nil {
		t.Fatalf("reading the fault server's report: %v: %s", err, data)
	}
	for _, replay := range report.Replays {
		tally.fail("request received again after it was accepted (replay)", replay)
	}
	for _, failure := range report.ContextFailures {
		tally.fail("request context lost, duplicated or crossed", failure)
	}
	for _, failure := range report.ProtocolFailures {
		tally.fail("client broke the protocol", failure)
	}
	for _, failure := range report.ServerErrors {
		tally.fail("fault server error (a test bug)", failure)
	}
	if tally.turns != stormSessions*stormTurnsPerSession || tally.completed < tally.turns/5 || len(report.Injected) < 8 {
		tally.fail("storm too small", fmt.Sprintf("%d turns, %d completed, faults injected: %v", tally.turns, tally.completed, report.Injected))
	}
	text := tally.report()
	t.Logf("server: %d connections, %d requests, %d receipts; injected %v\n%s", report.Connections, report.Requests, report.Receipts, report.Injected, text)
	if len(tally.violations) > 0 {
		t.Fatalf("fault storm (seed %d) found violations:\n%s", seed, text)
	}
}
