package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"encoding/json"
	"strings"
)

// EventView is one event as the library holds it: every slice points into library memory, valid until the next pull
// on the codec or session that filled it (Codec: Next, NextBatch, Push, Feed, Close; Session: Next, NextView,
// RunTurn, Close). Copy what must live longer (Copy does). Reading the fields allocates nothing.
type EventView struct {
	Kind           EventKind
	SequenceNumber int64 // -1 if absent
	OutputIndex    int32 // -1 if absent
	ContentIndex   int32 // -1 if absent
	Type           []byte
	ItemID         []byte // nil if absent
	Delta          []byte // the unescaped text of a *.delta text event; nil otherwise
	RawJSON        []byte // the whole event (sessions: re-encoded compact JSON, same content)
}

// Event is an event copied out of the library.
type Event struct {
	Kind           EventKind
	Type           string
	SequenceNumber int64 // -1 if absent
	OutputIndex    int32 // -1 if absent
	ContentIndex   int32 // -1 if absent
	ItemID         *string
	Delta          *string // set for text delta events only
	RawJSON        []byte
}

func fillView(v *EventView, e *C.pc_event) {
	v.Kind = EventKind(e.kind)
	v.SequenceNumber = int64(e.sequence_number)
	v.OutputIndex = int32(e.output_index)
	v.ContentIndex = int32(e.content_index)
	v.Type = view(e._type, e.type_length)
	v.ItemID = view(e.item_id, e.item_id_length)
	v.Delta = view(e.delta, e.delta_length)
	v.RawJSON = view(e.raw_json, e.raw_json_length)
}

// Copy returns the event copied out of library memory. The type string of a known kind is shared, not copied.
func (v *EventView) Copy() Event {
	e := Event{
		Kind:           v.Kind,
		SequenceNumber: v.SequenceNumber,
		OutputIndex:    v.OutputIndex,
		ContentIndex:   v.ContentIndex,
		RawJSON:        append([]byte(nil), v.RawJSON...),
	}
	var ok bool
	if e.Type, ok = typeOf(v.Kind); !ok {
		e.Type = string(v.Type)
	}
	if v.ItemID != nil {
		s := string(v.ItemID)
		e.ItemID = &s
	}
	if v.Delta != nil {
		s := string(v.Delta)
		e.Delta = &s
	}
	return e
}

// OutputItem is the item of a response.output_item.added or .done event: the members of the common item types.
type OutputItem struct {
	Type      string // "message", "function_call", "reasoning", ...
	ID        string
	Status    string
	Role      string // message
	Text      string // message: its output_text parts, joined
	Refusal   string // message: its refusal parts, joined
	CallID    string // function_call
	Name      string // function_call
	Arguments string // function_call: the arguments JSON (complete in .done); other items' arguments object as JSON
}

// FunctionCall is a function call the model made: run it and send a function_call_output with its CallID.
type FunctionCall struct {
	CallID    string
	Name      string
	Arguments string // JSON text
	ItemID    string
}

// Usage is a response's token counts.
type Usage struct {
	InputTokens     int64
	CachedTokens    int64 // input_tokens_details.cached_tokens
	OutputTokens    int64
	ReasoningTokens int64 // output_tokens_details.reasoning_tokens
	TotalTokens     int64
}

// APIError is the error a server reported: an error event's, or a failed response's.
type APIError struct {
	Type    string
	Code    string
	Message string
	Param   string
}

// ResponseInfo is the response object of a response.created, .queued, .in_progress, .completed, .failed, .incomplete
// or .done event (the members a turn needs; RawJSON has the rest).
type ResponseInfo struct {
	ID               string
	Status           string // "completed", "failed", "incomplete", "in_progress", "queued", ...
	Model            string
	Usage            *Usage    // nil until the response ends (and when the server sent none)
	Error            *APIError // response.failed: why
	IncompleteReason string    // response.incomplete: incomplete_details.reason
}

// Item decodes the item of a response.output_item.added or .done event. ErrInvalidArgument for another kind, ErrJSON
// when the event does not have the item's shape.
func (v *EventView) Item() (OutputItem, error) { return decodeItem(v.Kind, v.RawJSON) }

// Item decodes the item of a response.output_item.added or .done event (see EventView.Item).
func (e *Event) Item() (OutputItem, error) { return decodeItem(e.Kind, e.RawJSON) }

// FunctionCall returns the function call a response.output_item.done event completes; ok is false for any other
// event (another kind or another item type). ErrJSON when the event does not have the item's shape.
func (v *EventView) FunctionCall() (call FunctionCall, ok bool, err error) {
	return decodeFunctionCall(v.Kind, v.RawJSON)
}

// FunctionCall returns the function call a response.output_item.done event completes (see EventView.FunctionCall).
func (e *Event) FunctionCall() (call FunctionCall, ok bool, err error) {
	return decodeFunctionCall(e.Kind, e.RawJSON)
}

// Response decodes the response of a response.created, .queued, .in_progress, .completed, .failed, .incomplete or
// .done event. ErrInvalidArgument for another kind, ErrJSON when the event does not have the response's shape.
func (v *EventView) Response() (ResponseInfo, error) { return decodeResponse(v.Kind, v.RawJSON) }

// Response decodes the response of a response lifecycle event (see EventView.Response).
func (e *Event) Response() (ResponseInfo, error) { return decodeResponse(e.Kind, e.RawJSON) }

// APIError decodes an error event (its members at the top level or under "error"). ErrInvalidArgument for another
// kind, ErrJSON when the event does not have an error's shape.
func (v *EventView) APIError() (APIError, error) { return decodeAPIError(v.Kind, v.RawJSON) }

// APIError decodes an error event (see EventView.APIError).
func (e *Event) APIError() (APIError, error) { return decodeAPIError(e.Kind, e.RawJSON) }

// The wire shapes: only the members read, so json.Unmarshal skips the rest.
type (
	wireItem struct {
		Type      string          `json:"type"`
		ID        string          `json:"id"`
		Status    string          `json:"status"`
		Role      string          `json:"role"`
		CallID    string          `json:"call_id"`
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments"` // a string for function calls; an object in some other items
		Content   []struct {
			Type    string `json:"type"`
			Text    string `json:"text"`
			Refusal string `json:"refusal"`
		} `json:"content"`
	}
	wireError struct {
		Type    string  `json:"type"`
		Code    *string `json:"code"`
		Message string  `json:"message"`
		Param   *string `json:"param"`
	}
	wireUsage struct {
		InputTokens        int64 `json:"input_tokens"`
		OutputTokens       int64 `json:"output_tokens"`
		TotalTokens        int64 `json:"total_tokens"`
		InputTokensDetails struct {
			CachedTokens int64 `json:"cached_tokens"`
		} `json:"input_tokens_details"`
		OutputTokensDetails struct {
			ReasoningTokens int64 `json:"reasoning_tokens"`
		} `json:"output_tokens_details"`
	}
	wireResponse struct {
		ID                string     `json:"id"`
		Status            string     `json:"status"`
		Model             string     `json:"model"`
		Usage             *wireUsage `json:"usage"`
		Error             *wireError `json:"error"`
		IncompleteDetails *struct {
			Reason string `json:"reason"`
		} `json:"incomplete_details"`
	}
)

func wrongKind(accessor string, kind EventKind) error {
	return &Error{Status: StatusInvalidArgument, Message: accessor + ": not for a " + kind.String() + " event"}
}

func badShape(kind EventKind, err error) error {
	return &Error{Status: StatusJSON, Message: kind.String() + " event: " + err.Error()}
}

func decodeItem(kind EventKind, raw []byte) (OutputItem, error) {
	if kind != KindOutputItemAdded && kind != KindOutputItemDone {
		return OutputItem{}, wrongKind("Item", kind)
	}
	var event struct {
		Item *wireItem `json:"item"`
	}
	if err := json.Unmarshal(raw, &event); err != nil {
		return OutputItem{}, badShape(kind, err)
	}
	if event.Item == nil {
		return OutputItem{}, &Error{Status: StatusJSON, Message: kind.String() + " event without its item"}
	}
	w := event.Item
	item := OutputItem{Type: w.Type, ID: w.ID, Status: w.Status, Role: w.Role, CallID: w.CallID, Name: w.Name}
	if len(w.Arguments) > 0 && w.Arguments[0] == '"' {
		if err := json.Unmarshal(w.Arguments, &item.Arguments); err != nil {
			return OutputItem{}, badShape(kind, err)
		}
	} else if len(w.Arguments) > 0 && string(w.Arguments) != "null" {
		item.Arguments = string(w.Arguments)
	}
	if len(w.Content) > 0 {
		var text, refusal strings.Builder
		for _, part := range w.Content {
			switch part.Type {
			case "output_text":
				text.WriteString(part.Text)
			case "refusal":
				refusal.WriteString(part.Refusal)
			}
		}
		item.Text, item.Refusal = text.String(), refusal.String()
	}
	return item, nil
}

func decodeFunctionCall(kind EventKind, raw []byte) (FunctionCall, bool, error) {
	if kind != KindOutputItemDone {
		return FunctionCall{}, false, nil
	}
	item, err := decodeItem(kind, raw)
	if err != nil || item.Type != "function_call" {
		return FunctionCall{}, false, err
	}
	return FunctionCall{CallID: item.CallID, Name: item.Name, Arguments: item.Arguments, ItemID: item.ID}, true, nil
}

func decodeResponse(kind EventKind, raw []byte) (ResponseInfo, error) {
	switch kind {
	case KindResponseCreated, KindResponseQueued, KindResponseInProgress, KindResponseCompleted, KindResponseFailed,
		KindResponseIncomplete, KindResponseDone:
	default:
		return ResponseInfo{}, wrongKind("Response", kind)
	}
	var event struct {
		Response *wireResponse `json:"response"`
	}
	if err := json.Unmarshal(raw, &event); err != nil {
		return ResponseInfo{}, badShape(kind, err)
	}
	if event.Response == nil {
		return ResponseInfo{}, &Error{Status: StatusJSON, Message: kind.String() + " event without its response"}
	}
	w := event.Response
	info := ResponseInfo{ID: w.ID, Status: w.Status, Model: w.Model}
	if w.Usage != nil {
		info.Usage = &Usage{InputTokens: w.Usage.InputTokens, CachedTokens: w.Usage.InputTokensDetails.CachedTokens,
			OutputTokens: w.Usage.OutputTokens, ReasoningTokens: w.Usage.OutputTokensDetails.ReasoningTokens,
			TotalTokens: w.Usage.TotalTokens}
	}
	if w.Error != nil {
		e := w.Error.value()
		info.Error = &e
	}
	if w.IncompleteDetails != nil {
		info.IncompleteReason = w.IncompleteDetails.Reason
	}
	return info, nil
}

func decodeAPIError(kind EventKind, raw []byte) (APIError, error) {
	if kind != KindError {
		return APIError{}, wrongKind("APIError", kind)
	}
	var event struct {
		wireError
		Error *wireError `json:"error"`
	}
	if err := json.Unmarshal(raw, &event); err != nil {
		return APIError{}, badShape(kind, err)
	}
	if event.Error != nil {
		return event.Error.value(), nil
	}
	// The flat form: the event's own type is "error", not the error's.
	e := event.wireError.value()
	e.Type = ""
	return e, nil
}

func (w *wireError) value() APIError {
	e := APIError{Type: w.Type, Message: w.Message}
	if w.Code != nil {
		e.Code = *w.Code
	}
	if w.Param != nil {
		e.Param = *w.Param
	}
	return e
}
