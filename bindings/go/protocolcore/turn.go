package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"context"
	"encoding/json"
	"io"
	"strings"
)

// TurnResult is what a turn produced, read from its response.output_item.done events and its terminal event (the
// deltas are not copied for it), and the library's own figures for the turn (Session.TurnInfo).
type TurnResult struct {
	ResponseID    string         // the terminal response's id (the library's); before a terminal event, response.created's
	Terminal      EventKind      // the terminal event's kind: KindResponseCompleted, ...Failed, ...Incomplete, ...Done; KindUnknown if none came
	Status        string         // the response's status: "completed", "failed", "incomplete", ...
	FunctionCalls []FunctionCall // in output order: run them and send their outputs (FunctionCallOutputs)
	Text          string         // the output_text of the turn's message items, joined
	Usage         *Usage         // the terminal response's token counts (the library's); nil if it had none
	Error         *APIError      // response.failed's error, or the error event that ended the turn
	Events        int            // events pulled, the terminal one included

	// From Session.TurnInfo once the turn ended (see TurnInfo for what the bytes count):
	FullContext   *bool // the library sent the whole conversation (false: chained on previous_response_id); nil if not known
	BytesSent     int64 // request payload bytes on the wire, every attempt
	BytesReceived int64 // event payload bytes on the wire, every attempt
	Retries       int   // requests sent again before one ran; -1 when not known
	Connects      int   // WebSocket connections the turn opened
	Reconnects    int   // of Connects, those that replaced an earlier one
}

// RunTurn sends request (as Send) and pulls the turn's events until it is over, returning what the turn produced.
// onEvent, if not nil, sees every event as it arrives, without a copy: the view is valid only during the call. A
// response.failed or response.incomplete turn is not an error here (see Status; ToolLoop makes the first one an
// ErrAPI). A turn that fails returns the result so far with its error (ErrInterrupted, ErrAPI, ErrConnection, or
// ErrCancelled after Cancel); a done ctx cancels the turn and returns ctx.Err() (the result then has no figures from
// TurnInfo: Retries is -1). An event whose JSON does not have its documented shape ends the turn with ErrJSON (the
// turn is cancelled, so the session takes the next Send).
func (s *Session) RunTurn(ctx context.Context, request []byte, onEvent func(*EventView)) (*TurnResult, error) {
	if err := s.Send(ctx, request); err != nil {
		return nil, err
	}
	result := &TurnResult{Retries: -1}
	var text strings.Builder
	var v EventView
	for {
		if err := s.NextView(ctx, &v); err != nil {
			result.Text = text.String()
			s.addTurnInfo(ctx, result)
			if err == io.EOF {
				return result, nil
			}
			return result, err
		}
		result.Events++
		if onEvent != nil {
			onEvent(&v)
		}
		if err := result.add(&v, &text); err != nil {
			// The session must be ready for the next turn: this one ends here.
			C.pcgo_session_cancel(s.handle)
			s.endCancelled(C.PC_OK)
			result.Text = text.String()
			s.addTurnInfo(ctx, result)
			return result, err
		}
	}
}

// addTurnInfo copies the library's figures of the turn that just ended into r; the library's response id and usage
// win over those read from the events. A session closed meanwhile, or a done ctx (the library would first wait for the
// cancelled turn's connection to close), leaves r as the events made it.
func (s *Session) addTurnInfo(ctx context.Context, r *TurnResult) {
	info, err := s.TurnInfo(ctx)
	if err != nil {
		return
	}
	r.FullContext, r.BytesSent, r.BytesReceived = info.FullContext, info.BytesSent, info.BytesReceived
	r.Retries, r.Connects, r.Reconnects = info.Retries, info.Connects, info.Reconnects
	if info.ResponseID != "" {
		r.ResponseID = info.ResponseID
	}
	if info.Usage != nil {
		r.Usage = info.Usage
	}
}

// add records what an event contributes to the result.
func (r *TurnResult) add(v *EventView, text *strings.Builder) error {
	switch {
	case v.Kind == KindOutputItemDone:
		item, err := v.Item()
		if err != nil {
			return err
		}
		switch item.Type {
		case "function_call":
			r.FunctionCalls = append(r.FunctionCalls, FunctionCall{CallID: item.CallID, Name: item.Name,
				Arguments: item.Arguments, ItemID: item.ID})
		case "message":
			text.WriteString(item.Text)
		}
	case v.Kind == KindResponseCreated || v.Kind.IsTerminal():
		info, err := v.Response()
		if err != nil {
			return err
		}
		r.ResponseID, r.Status = info.ID, info.Status
		if v.Kind.IsTerminal() {
			r.Terminal, r.Usage, r.Error = v.Kind, info.Usage, info.Error
		}
	case v.Kind == KindError:
		e, err := v.APIError()
		if err != nil {
			return err
		}
		r.Error = &e
	}
	return nil
}

// FunctionCallOutput is the output of one function call, sent back in the next turn's input.
type FunctionCallOutput struct {
	CallID string `json:"call_id"`
	Output string `json:"output"`
}

// FunctionCallOutputs returns the response.create request that sends outputs as a turn's new input items.
func FunctionCallOutputs(outputs []FunctionCallOutput) []byte {
	type item struct {
		Type string `json:"type"`
		FunctionCallOutput
	}
	request := struct {
		Type  string `json:"type"`
		Input []item `json:"input"`
	}{Type: "response.create", Input: make([]item, len(outputs))}
	for i, o := range outputs {
		request.Input[i] = item{"function_call_output", o}
	}
	// Only strings are marshalled, and encoding/json does not fail on a string (invalid UTF-8 becomes U+FFFD).
	data, _ := json.Marshal(request)
	return data
}
