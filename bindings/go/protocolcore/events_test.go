package protocolcore

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// fixtureEvents decodes every fixture stream through a codec: one slice of events per file.
func fixtureEvents(t *testing.T) map[string][]Event {
	streams := map[string][]Event{}
	for _, file := range fixtureFiles(t) {
		c := newCodec(t, nil)
		var stream []byte
		for _, message := range fixtureMessages(t, file) {
			stream = append(stream, text(string(message))...)
		}
		events, err := c.Feed(stream)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		streams[file] = events
	}
	return streams
}

func TestKindsNameTheirTypes(t *testing.T) {
	seen := map[EventKind]bool{}
	for file, events := range fixtureEvents(t) {
		for _, e := range events {
			if e.Kind == KindUnknown {
				continue
			}
			seen[e.Kind] = true
			if e.Kind.String() != e.Type {
				t.Fatalf("%s: kind %d is %q in Go, %q in the library", file, e.Kind, e.Kind.String(), e.Type)
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("the fixtures showed only %d kinds", len(seen))
	}
	if KindUnknown.String() != "unknown(0)" || EventKind(len(kindTypes)).String() != "unknown(68)" {
		t.Fatalf("unknown kinds: %q, %q", KindUnknown.String(), EventKind(len(kindTypes)).String())
	}
}

// TestHeaderMirrors checks that every status and kind of the module's protocolcore.h has its Go constant (mirror.go
// checks at compile time that the Go values are the header's).
func TestHeaderMirrors(t *testing.T) {
	header, err := os.ReadFile("protocolcore.h")
	if err != nil {
		t.Fatal(err)
	}
	statuses := regexp.MustCompile(`(?s)typedef enum pc_status \{(.*?)\} pc_status;`).FindSubmatch(header)
	kinds := regexp.MustCompile(`(?s)typedef enum pc_event_kind \{(.*?)\} pc_event_kind;`).FindSubmatch(header)
	if statuses == nil || kinds == nil {
		t.Fatal("protocolcore.h: the pc_status or pc_event_kind enum was not found")
	}
	member := regexp.MustCompile(`(PC_[A-Z_]+) = (-?\d+)`)
	count := 0
	for _, m := range member.FindAllSubmatch(statuses[1], -1) {
		value, _ := strconv.Atoi(string(m[2]))
		if got := Status(value).String(); got != string(m[1]) {
			t.Errorf("%s = %d: Go calls it %s", m[1], value, got)
		}
		count++
	}
	if count != len(statusNames) || count < 15 {
		t.Errorf("the header has %d statuses, Go %d", count, len(statusNames))
	}
	count = 0
	for _, m := range member.FindAllSubmatch(kinds[1], -1) {
		value, _ := strconv.Atoi(string(m[2]))
		if value != count {
			t.Errorf("%s = %d: kinds are numbered 0, 1, 2... (expected %d)", m[1], value, count)
		}
		count++
	}
	if count != len(kindTypes) {
		t.Errorf("the header has %d event kinds, Go %d", count, len(kindTypes))
	}
}

// TestItemOnEveryFixtureItem decodes every output item the recordings hold (message, function_call, reasoning and
// the built-in tools' items, whose members differ). The text against the deltas is checked on the emulator's
// streams (TestToolLoopAgainstTheEmulator): several recordings here were abridged or anonymized.
func TestItemOnEveryFixtureItem(t *testing.T) {
	types := map[string]int{}
	for file, events := range fixtureEvents(t) {
		for _, e := range events {
			if e.Kind != KindOutputItemAdded && e.Kind != KindOutputItemDone {
				continue
			}
			item, err := e.Item()
			if err != nil || item.Type == "" {
				t.Fatalf("%s: %+v, %v", file, item, err)
			}
			types[item.Type]++
		}
	}
	if types["message"] == 0 || types["function_call"] == 0 || types["reasoning"] == 0 {
		t.Fatalf("item types seen: %v", types)
	}
}

// TestFunctionCallIsTheArgumentsDone checks FunctionCall against response.function_call_arguments.done.
func TestFunctionCallIsTheArgumentsDone(t *testing.T) {
	checked := 0
	for file, events := range fixtureEvents(t) {
		arguments := map[string]string{}
		for _, e := range events {
			if e.Kind == KindFunctionCallArgumentsDone {
				var done struct{ Arguments string }
				if err := json.Unmarshal(e.RawJSON, &done); err != nil {
					t.Fatal(err)
				}
				arguments[*e.ItemID] = done.Arguments
			}
			call, ok, err := e.FunctionCall()
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if !ok {
				continue
			}
			if e.Kind != KindOutputItemDone || call.CallID == "" || call.Name == "" || call.ItemID == "" {
				t.Fatalf("%s: %s gave %+v", file, e.Type, call)
			}
			if want, found := arguments[call.ItemID]; found && want != call.Arguments {
				t.Fatalf("%s: call %s has arguments %q, its .done %q", file, call.CallID, call.Arguments, want)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Fatalf("only %d function calls in the fixtures", checked)
	}
}

// TestResponseOnEveryLifecycleEvent decodes every response the recordings hold (a few were anonymized to no id).
func TestResponseOnEveryLifecycleEvent(t *testing.T) {
	withUsage, complete := 0, 0
	for file, events := range fixtureEvents(t) {
		for _, e := range events {
			switch e.Kind {
			case KindResponseCreated, KindResponseInProgress, KindResponseCompleted, KindResponseFailed,
				KindResponseIncomplete, KindResponseQueued, KindResponseDone:
			default:
				continue
			}
			info, err := e.Response()
			if err != nil {
				t.Fatalf("%s: %s: %v", file, e.Type, err)
			}
			if info.ID != "" && (!e.Kind.IsTerminal() || info.Status != "") {
				complete++
			}
			if u := info.Usage; u != nil && e.Kind == KindResponseCompleted && u.InputTokens > 0 && u.OutputTokens > 0 {
				withUsage++
			}
		}
	}
	if withUsage < 10 || complete < 100 {
		t.Fatalf("only %d completed responses with usage, %d with an id (and a status if terminal)", withUsage, complete)
	}
}

// Shapes from the fixtures (an insufficient_quota stream, a max_output_tokens one) and the emulator's flat error.
func TestAccessorsReadTheMembers(t *testing.T) {
	event := func(kind EventKind, raw string) *Event { return &Event{Kind: kind, RawJSON: []byte(raw)} }
	nested, err := event(KindError, `{"type":"error","sequence_number":2,"error":{"type":"insufficient_quota","code":"insufficient_quota","message":"You exceeded your current quota.","param":null}}`).APIError()
	if err != nil || nested != (APIError{Type: "insufficient_quota", Code: "insufficient_quota", Message: "You exceeded your current quota."}) {
		t.Fatalf("nested error: %+v, %v", nested, err)
	}
	flat, err := event(KindError, `{"type":"error","code":"server_error","message":"boom","param":"input","sequence_number":2}`).APIError()
	if err != nil || flat != (APIError{Code: "server_error", Message: "boom", Param: "input"}) {
		t.Fatalf("flat error: %+v, %v", flat, err)
	}
	failed, err := event(KindResponseFailed, `{"type":"response.failed","sequence_number":3,"response":{"id":"resp_1","status":"failed","error":{"code":"insufficient_quota","message":"quota"},"usage":null}}`).Response()
	if err != nil || failed.ID != "resp_1" || failed.Status != "failed" || failed.Usage != nil || failed.Error == nil ||
		*failed.Error != (APIError{Code: "insufficient_quota", Message: "quota"}) {
		t.Fatalf("failed: %+v, %v", failed, err)
	}
	incomplete, err := event(KindResponseIncomplete, `{"type":"response.incomplete","response":{"id":"resp_2","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"model":"gpt-4o","usage":{"input_tokens":20,"input_tokens_details":{"cached_tokens":4},"output_tokens":16,"output_tokens_details":{"reasoning_tokens":3},"total_tokens":36}}}`).Response()
	if err != nil || incomplete.IncompleteReason != "max_output_tokens" || incomplete.Model != "gpt-4o" || incomplete.Usage == nil ||
		*incomplete.Usage != (Usage{InputTokens: 20, CachedTokens: 4, OutputTokens: 16, ReasoningTokens: 3, TotalTokens: 36}) {
		t.Fatalf("incomplete: %+v, %v", incomplete, err)
	}
	item, err := event(KindOutputItemDone, `{"type":"response.output_item.done","item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello, "},{"type":"refusal","refusal":"no"},{"type":"output_text","text":"world"}]}}`).Item()
	if err != nil || item != (OutputItem{Type: "message", ID: "msg_1", Status: "completed", Role: "assistant", Text: "Hello, world", Refusal: "no"}) {
		t.Fatalf("message item: %+v, %v", item, err)
	}
	call, ok, err := event(KindOutputItemDone, `{"type":"response.output_item.done","item":{"id":"fc_1","type":"function_call","call_id":"call_1","name":"grep","arguments":"{\"pattern\":\"x\"}"}}`).FunctionCall()
	if err != nil || !ok || call != (FunctionCall{CallID: "call_1", Name: "grep", Arguments: `{"pattern":"x"}`, ItemID: "fc_1"}) {
		t.Fatalf("function call: %+v, %v, %v", call, ok, err)
	}
	// Some built-in tools' items (tool_search_call) carry their arguments as an object, not a string.
	search, err := event(KindOutputItemDone, `{"type":"response.output_item.done","item":{"id":"ts_1","type":"tool_search_call","arguments":{"query":"weather"}}}`).Item()
	if err != nil || search.Arguments != `{"query":"weather"}` {
		t.Fatalf("object arguments: %+v, %v", search, err)
	}
}

func TestAccessorErrors(t *testing.T) {
	delta := &Event{Kind: KindOutputTextDelta, RawJSON: []byte(`{"type":"response.output_text.delta","delta":"x"}`)}
	if _, err := delta.Item(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Item on a delta: %v", err)
	}
	if _, err := delta.Response(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Response on a delta: %v", err)
	}
	if _, err := delta.APIError(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("APIError on a delta: %v", err)
	}
	if _, ok, err := delta.FunctionCall(); ok || err != nil {
		t.Errorf("FunctionCall on a delta: %v, %v", ok, err)
	}
	added := &Event{Kind: KindOutputItemAdded, RawJSON: []byte(`{"type":"response.output_item.added","item":{"type":"function_call","call_id":"c","name":"n","arguments":""}}`)}
	if _, ok, err := added.FunctionCall(); ok || err != nil {
		t.Errorf("FunctionCall on output_item.added (arguments not complete yet): %v, %v", ok, err)
	}
	for _, bad := range []*Event{
		{Kind: KindOutputItemDone, RawJSON: []byte(`{"type":"response.output_item.done"}`)},
		{Kind: KindOutputItemDone, RawJSON: []byte(`{"type":"response.output_item.done","item":{"type":7}}`)},
		{Kind: KindOutputItemDone, RawJSON: []byte(`{"type":`)},
	} {
		if _, err := bad.Item(); !errors.Is(err, ErrJSON) {
			t.Errorf("Item on %s: %v", bad.RawJSON, err)
		}
		if _, _, err := bad.FunctionCall(); !errors.Is(err, ErrJSON) {
			t.Errorf("FunctionCall on %s: %v", bad.RawJSON, err)
		}
	}
	if _, err := (&Event{Kind: KindResponseCompleted, RawJSON: []byte(`{"type":"response.completed"}`)}).Response(); !errors.Is(err, ErrJSON) {
		t.Errorf("Response without its response: %v", err)
	}
	if _, err := (&Event{Kind: KindError, RawJSON: []byte(`{"type":"error","code":5}`)}).APIError(); !errors.Is(err, ErrJSON) {
		t.Errorf("APIError with a numeric code: %v", err)
	}
}
