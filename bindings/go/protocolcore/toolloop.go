package protocolcore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
)

// ToolFunc runs one function call: arguments is the call's arguments JSON, the result is the output the model reads.
// An error ends the tool loop (nothing is made up for the model); ctx is the loop's.
type ToolFunc func(ctx context.Context, arguments string) (string, error)

// ToolLoop is the agent loop on a session: send the input, run the function calls each turn makes (one turn's calls
// concurrently), send their outputs back, until a turn makes no call. A call to a tool that is not registered gets
// an error output the model can read. Configure it before Run; it is not safe for concurrent use.
type ToolLoop struct {
	// MaxTurns stops the loop with ErrTooManyTurns after this many turns; 0 means 64.
	MaxTurns int
	// OnTurn, if not nil, is called after each turn, before its calls run (for progress output).
	OnTurn func(turn int, result *TurnResult)
	// OnEvent, if not nil, sees every event of every turn as RunTurn's onEvent does (a view valid during the call).
	OnEvent func(*EventView)

	session *Session
	tools   map[string]ToolFunc
	defs    []toolDefinition
}

type toolDefinition struct {
	name string
	json json.RawMessage
}

// ToolLoopResult is what a finished loop produced.
type ToolLoopResult struct {
	Turns     []*TurnResult // every turn, the final one (without calls) last
	ToolCalls int           // function calls run
}

// Final is the last turn: its Text is the model's answer.
func (r *ToolLoopResult) Final() *TurnResult {
	if len(r.Turns) == 0 {
		return nil
	}
	return r.Turns[len(r.Turns)-1]
}

// ErrTooManyTurns is returned (wrapped) by ToolLoop.Run when the loop did not finish within MaxTurns turns.
var ErrTooManyTurns = errors.New("protocolcore: the tool loop did not finish within its turn limit")

// NewToolLoop returns a tool loop on s with no tools registered.
func NewToolLoop(s *Session) *ToolLoop {
	return &ToolLoop{session: s, tools: make(map[string]ToolFunc)}
}

// Register adds a function tool: run handles its calls, and when Run starts, its definition (name, description, the
// JSON schema of its arguments) is added to the first request's "tools" unless a tool of that name is there already.
// description may be empty and parameters nil. ErrInvalidArgument for an empty or duplicate name, a nil run or
// parameters that are not a JSON object.
func (l *ToolLoop) Register(name, description string, parameters json.RawMessage, run ToolFunc) error {
	switch {
	case name == "" || run == nil:
		return &Error{Status: StatusInvalidArgument, Message: "Register: a tool needs a name and a function"}
	case l.tools[name] != nil:
		return &Error{Status: StatusInvalidArgument, Message: fmt.Sprintf("Register: a tool named %q is already registered", name)}
	}
	if parameters != nil {
		var schema map[string]json.RawMessage
		if err := json.Unmarshal(parameters, &schema); err != nil || schema == nil {
			return &Error{Status: StatusInvalidArgument, Message: fmt.Sprintf("Register: the parameters of %q are not a JSON object", name)}
		}
	}
	def, _ := json.Marshal(struct {
		Type        string          `json:"type"`
		Name        string          `json:"name"`
		Description string          `json:"description,omitempty"`
		Parameters  json.RawMessage `json:"parameters,omitempty"`
	}{"function", name, description, parameters})
	l.tools[name] = run
	l.defs = append(l.defs, toolDefinition{name, def})
	return nil
}

// Run runs the loop from request (a response.create request with the first input, usually the user's message) until
// a turn makes no function call. It returns every turn's result with the first error: the turn's (ErrInterrupted,
// ErrAPI, ErrConnection; a response.failed turn is an ErrAPI with the server's error, and its calls are not run), a
// tool's (wrapped, naming the tool), ctx.Err(), or ErrTooManyTurns.
func (l *ToolLoop) Run(ctx context.Context, request []byte) (*ToolLoopResult, error) {
	request, err := l.withDefinitions(request)
	if err != nil {
		return nil, err
	}
	maxTurns := l.MaxTurns
	if maxTurns <= 0 {
		maxTurns = 64
	}
	result := &ToolLoopResult{}
	for {
		if len(result.Turns) == maxTurns {
			return result, fmt.Errorf("%w (%d)", ErrTooManyTurns, maxTurns)
		}
		turn, err := l.session.RunTurn(ctx, request, l.OnEvent)
		if turn != nil {
			result.Turns = append(result.Turns, turn)
		}
		if err != nil {
			return result, err
		}
		if l.OnTurn != nil {
			l.OnTurn(len(result.Turns), turn)
		}
		if turn.Terminal == KindResponseFailed {
			return result, failedTurnError(turn)
		}
		if len(turn.FunctionCalls) == 0 {
			return result, nil
		}
		outputs, err := l.runCalls(ctx, turn.FunctionCalls)
		result.ToolCalls += len(turn.FunctionCalls)
		if err != nil {
			return result, err
		}
		request = FunctionCallOutputs(outputs)
	}
}

// runCalls runs one turn's calls concurrently; the outputs are in call order, the error is the first call's that
// failed.
func (l *ToolLoop) runCalls(ctx context.Context, calls []FunctionCall) ([]FunctionCallOutput, error) {
	outputs := make([]FunctionCallOutput, len(calls))
	errs := make([]error, len(calls))
	var wg sync.WaitGroup
	for i, call := range calls {
		outputs[i].CallID = call.CallID
		run := l.tools[call.Name]
		if run == nil {
			message, _ := json.Marshal(map[string]string{"error": "unknown tool", "name": call.Name})
			outputs[i].Output = string(message)
			continue
		}
		wg.Add(1)
		go func(i int, call FunctionCall) {
			defer wg.Done()
			output, err := run(ctx, call.Arguments)
			if err != nil {
				errs[i] = fmt.Errorf("protocolcore: tool %s (call %s): %w", call.Name, call.CallID, err)
				return
			}
			outputs[i].Output = output
		}(i, call)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return outputs, nil
}

// withDefinitions adds the registered tools' definitions to the request's "tools".
func (l *ToolLoop) withDefinitions(request []byte) ([]byte, error) {
	if len(l.defs) == 0 {
		return request, nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(request, &members); err != nil || members == nil {
		return nil, &Error{Status: StatusJSON, Message: "ToolLoop.Run: the request is not a JSON object"}
	}
	var tools []json.RawMessage
	if raw, ok := members["tools"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &tools); err != nil {
			return nil, &Error{Status: StatusJSON, Message: "ToolLoop.Run: the request's tools are not an array"}
		}
	}
	present := make(map[string]bool, len(tools))
	for _, tool := range tools {
		var named struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(tool, &named) == nil && named.Name != "" {
			present[named.Name] = true
		}
	}
	for _, def := range l.defs {
		if !present[def.name] {
			tools = append(tools, def.json)
		}
	}
	members["tools"], _ = json.Marshal(tools)
	return json.Marshal(members)
}

// failedTurnError is the ErrAPI a response.failed turn ends the loop with.
func failedTurnError(turn *TurnResult) error {
	message := "the response failed"
	if e := turn.Error; e != nil {
		message = fmt.Sprintf("the response failed: %s: %s", e.Code, e.Message)
	}
	if turn.ResponseID != "" {
		message += " (" + turn.ResponseID + ")"
	}
	return &Error{Status: StatusAPI, Message: message}
}
