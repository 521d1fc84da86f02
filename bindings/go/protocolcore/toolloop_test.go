package protocolcore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

var scriptedToolNames = []string{"read_file", "grep", "list_dir", "edit_file", "run_tests"}

// requestWithFault is the first request with an emulator fault for every turn (the template's metadata).
func requestWithFault(fault string) []byte {
	var request map[string]any
	_ = json.Unmarshal(firstRequest(), &request)
	request["metadata"] = map[string]string{"emulator_fault": fault}
	data, _ := json.Marshal(request)
	return data
}

// registerScripted registers the emulator's five tools; each call is counted and must carry a JSON object.
func registerScripted(t *testing.T, loop *ToolLoop, calls *int32, except ...string) {
	t.Helper()
	for _, name := range scriptedToolNames {
		name := name
		if strings.Contains(strings.Join(except, ","), name) {
			continue
		}
		err := loop.Register(name, "The scripted "+name+".", json.RawMessage(`{"type":"object"}`),
			func(ctx context.Context, arguments string) (string, error) {
				var object map[string]any
				if err := json.Unmarshal([]byte(arguments), &object); err != nil {
					return "", err
				}
				atomic.AddInt32(calls, 1)
				return name + " done", nil
			})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestToolLoopAgainstTheEmulator(t *testing.T) {
	url := startEmulator(t)
	for _, mode := range []string{"websocket", "http"} {
		t.Run(mode, func(t *testing.T) {
			s := openSession(t, url, &SessionOptions{Mode: mode})
			loop := NewToolLoop(s)
			var calls int32
			registerScripted(t, loop, &calls)
			var advertised []string
			var deltas strings.Builder
			progress := 0
			loop.OnTurn = func(turn int, result *TurnResult) { progress = turn }
			loop.OnEvent = func(v *EventView) {
				switch v.Kind {
				case KindResponseCreated:
					deltas.Reset()
					if advertised == nil {
						// The emulator echoes the request's tools: Run added the five definitions to the first request.
						var created struct {
							Response struct{ Tools []struct{ Name string } }
						}
						if err := json.Unmarshal(v.RawJSON, &created); err != nil {
							t.Error(err)
						}
						for _, tool := range created.Response.Tools {
							advertised = append(advertised, tool.Name)
						}
					}
				case KindOutputTextDelta:
					deltas.Write(v.Delta)
				}
			}
			result, err := loop.Run(guard(t), firstRequest())
			if err != nil {
				t.Fatal(err)
			}
			if len(result.Turns) != scriptedTurns || result.ToolCalls != scriptedCalls || calls != scriptedCalls || progress != scriptedTurns {
				t.Fatalf("%d turns, %d tool calls, %d run, progress %d", len(result.Turns), result.ToolCalls, calls, progress)
			}
			if strings.Join(advertised, ",") != strings.Join(scriptedToolNames, ",") {
				t.Fatalf("tools sent: %v", advertised)
			}
			ids := map[string]bool{}
			for i, turn := range result.Turns {
				if turn.Terminal != KindResponseCompleted || ids[turn.ResponseID] || turn.Usage == nil || turn.Usage.OutputTokens <= 0 ||
					turn.Usage.TotalTokens != turn.Usage.InputTokens+turn.Usage.OutputTokens || turn.Events < 5 {
					t.Fatalf("turn %d: %+v (usage %+v)", i+1, turn, turn.Usage)
				}
				ids[turn.ResponseID] = true
			}
			final := result.Final()
			if !strings.HasPrefix(final.Text, scriptedFinalPrefix) || final.Text != deltas.String() || len(final.FunctionCalls) != 0 {
				t.Fatalf("final text %q; its deltas %q", final.Text, deltas.String())
			}
		})
	}
}

func TestRunTurnResult(t *testing.T) {
	s := openSession(t, startEmulator(t), nil)
	events := 0
	result, err := s.RunTurn(guard(t), firstRequest(), func(v *EventView) { events++ })
	if err != nil {
		t.Fatal(err)
	}
	// The script's first turn lists two directories in parallel.
	calls := result.FunctionCalls
	if len(calls) != 2 || calls[0].Name != "list_dir" || calls[0].Arguments != `{"path":"."}` ||
		calls[1].Name != "list_dir" || calls[1].Arguments != `{"path":"src"}` || calls[0].CallID == calls[1].CallID ||
		!strings.HasPrefix(calls[0].CallID, "call_") || !strings.HasPrefix(calls[0].ItemID, "fc_") {
		t.Fatalf("calls %+v", calls)
	}
	if result.Events != events || result.Terminal != KindResponseCompleted || result.Status != "completed" ||
		!strings.HasPrefix(result.ResponseID, "resp_") || result.Error != nil || result.Text != "" {
		t.Fatalf("result %+v", result)
	}
}

func TestFailedAndIncompleteTurns(t *testing.T) {
	url := startEmulator(t)
	ctx := guard(t)

	failed, err := openSession(t, url, nil).RunTurn(ctx, requestWithFault("response_failed"), nil)
	if err != nil || failed.Terminal != KindResponseFailed || failed.Status != "failed" || failed.Error == nil || failed.Error.Code != "server_error" {
		t.Fatalf("response_failed: %+v, %v", failed, err)
	}

	incomplete, err := openSession(t, url, nil).RunTurn(ctx, requestWithFault("response_incomplete"), nil)
	if err != nil || incomplete.Terminal != KindResponseIncomplete || incomplete.Status != "incomplete" || incomplete.Error != nil {
		t.Fatalf("response_incomplete: %+v, %v", incomplete, err)
	}

	flat, err := openSession(t, url, &SessionOptions{Mode: "http"}).RunTurn(ctx, requestWithFault("flat_error"), nil)
	if !errors.Is(err, ErrAPI) || flat == nil || flat.Error == nil || flat.Error.Code != "server_error" || flat.Terminal != KindUnknown {
		t.Fatalf("flat_error: %+v, %v", flat, err)
	}

	loop := NewToolLoop(openSession(t, url, nil))
	var calls int32
	registerScripted(t, loop, &calls)
	result, err := loop.Run(ctx, requestWithFault("response_failed"))
	if !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "server_error") || len(result.Turns) != 1 || calls != 0 {
		t.Fatalf("tool loop on response_failed: %d turns, %d calls, %v", len(result.Turns), calls, err)
	}
}

func TestToolLoopEnds(t *testing.T) {
	url := startEmulator(t)
	ctx := guard(t)

	// A tool's error ends the loop with that error; the turn that called it is the last.
	loop := NewToolLoop(openSession(t, url, nil))
	var calls int32
	registerScripted(t, loop, &calls, "read_file")
	onFire := errors.New("disk on fire")
	_ = loop.Register("read_file", "", nil, func(context.Context, string) (string, error) { return "", onFire })
	result, err := loop.Run(ctx, firstRequest())
	if !errors.Is(err, onFire) || !strings.Contains(err.Error(), "read_file") || len(result.Turns) != 3 {
		t.Fatalf("tool error: %d turns, %v", len(result.Turns), err)
	}

	// MaxTurns.
	loop = NewToolLoop(openSession(t, url, nil))
	registerScripted(t, loop, &calls)
	loop.MaxTurns = 2
	result, err = loop.Run(ctx, firstRequest())
	if !errors.Is(err, ErrTooManyTurns) || len(result.Turns) != 2 {
		t.Fatalf("max turns: %d turns, %v", len(result.Turns), err)
	}
}

func TestToolLoopRegisterAndRequest(t *testing.T) {
	loop := NewToolLoop(nil)
	run := func(context.Context, string) (string, error) { return "", nil }
	if err := loop.Register("", "", nil, run); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty name: %v", err)
	}
	if err := loop.Register("f", "", nil, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil function: %v", err)
	}
	if err := loop.Register("f", "", json.RawMessage(`[1]`), run); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("parameters not an object: %v", err)
	}
	if err := loop.Register("f", "Does f.", json.RawMessage(`{"type":"object"}`), run); err != nil {
		t.Fatal(err)
	}
	if err := loop.Register("f", "", nil, run); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("duplicate: %v", err)
	}
	if err := loop.Register("g", "", nil, run); err != nil {
		t.Fatal(err)
	}

	// The request keeps its members; a tool it already defines is not added twice.
	request, err := loop.withDefinitions([]byte(`{"type":"response.create","input":"hi","tools":[{"type":"function","name":"g","parameters":{}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var sent struct {
		Type  string
		Input string
		Tools []map[string]any
	}
	if err := json.Unmarshal(request, &sent); err != nil || sent.Type != "response.create" || sent.Input != "hi" || len(sent.Tools) != 2 ||
		sent.Tools[0]["name"] != "g" || sent.Tools[1]["name"] != "f" || sent.Tools[1]["description"] != "Does f." || sent.Tools[1]["type"] != "function" {
		t.Fatalf("request %s, %v", request, err)
	}
	for _, bad := range []string{`[]`, `{"tools":{}}`, `nope`} {
		if _, err := loop.withDefinitions([]byte(bad)); !errors.Is(err, ErrJSON) {
			t.Errorf("request %s: %v", bad, err)
		}
	}

	// A call to a tool that is not registered gets an error output the model can read.
	outputs, err := loop.runCalls(context.Background(), []FunctionCall{{CallID: "c1", Name: "nope", Arguments: "{}"}, {CallID: "c2", Name: "f", Arguments: "{}"}})
	if err != nil || len(outputs) != 2 || outputs[0] != (FunctionCallOutput{CallID: "c1", Output: `{"error":"unknown tool","name":"nope"}`}) || outputs[1].CallID != "c2" {
		t.Fatalf("outputs %+v, %v", outputs, err)
	}
}

func TestFunctionCallOutputs(t *testing.T) {
	request := FunctionCallOutputs([]FunctionCallOutput{{CallID: "call_1", Output: "a \"quoted\" <b>\n"}, {CallID: "call_2", Output: ""}})
	var sent struct {
		Type  string `json:"type"`
		Input []struct {
			Type   string `json:"type"`
			CallID string `json:"call_id"`
			Output string `json:"output"`
		} `json:"input"`
	}
	if err := json.Unmarshal(request, &sent); err != nil || sent.Type != "response.create" || len(sent.Input) != 2 ||
		sent.Input[0].Type != "function_call_output" || sent.Input[0].CallID != "call_1" || sent.Input[0].Output != "a \"quoted\" <b>\n" ||
		sent.Input[1].Type != "function_call_output" || sent.Input[1].CallID != "call_2" || sent.Input[1].Output != "" {
		t.Fatalf("%s: %v", request, err)
	}
}
