/*
 * protocolcore.h: the C ABI of libprotocolcore (ProtocolCore, published with .NET native AOT).
 *
 * Conventions (docs/abi.md has the full text):
 *  - Every symbol starts with pc_; every function is cdecl.
 *  - Functions return int32_t status: PC_OK (0) or another non-negative outcome, or a negative PC_E_* error.
 *    Results come back through out-parameters. After an error, pc_last_error_message() describes it.
 *  - Strings are UTF-8 as (pointer, length), never NUL-terminated. An input pointer may be NULL only with length 0.
 *  - Ownership: input buffers stay the caller's and are not kept after the call returns. Output pointers refer to
 *    library memory that the caller never frees; each function says how long it stays valid.
 *  - Handles are opaque; destroy is NULL-safe; a destroyed or forged handle gives PC_E_INVALID_HANDLE, not a crash.
 *  - Threading: the library-global functions are thread-safe. One handle must be used by one thread at a time
 *    (different handles may be used on different threads at once). Nothing calls back into the caller; sessions
 *    do their I/O on library threads.
 *  - The library cannot be unloaded (dlclose is not supported by .NET native AOT).
 *  - Versioning: the ABI only grows. pc_abi_version() returns (major << 16) | minor; bindings check the major
 *    equals PC_ABI_VERSION_MAJOR and the minor is at least the one they were written for.
 */
#ifndef PROTOCOLCORE_H
#define PROTOCOLCORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PC_API __declspec(dllimport)
#define PC_CALL __cdecl
#else
#define PC_API __attribute__((visibility("default")))
#define PC_CALL
#endif

#define PC_ABI_VERSION_MAJOR 1
#define PC_ABI_VERSION_MINOR 4 /* 1.1: pc_session_*, PC_TURN_DONE, PC_E_INTERRUPTED, PC_E_API, PC_E_CONNECTION;
                                  1.2: pc_session_cancel, PC_E_CANCELLED; 1.3: pc_session_turn_info, pc_turn_info;
                                  1.4: pc_session_ready_fd */

/* Status codes. Non-negative: outcomes. Negative: errors, described by pc_last_error_message(). */
typedef enum pc_status {
    PC_OK = 0,
    PC_NO_EVENT = 1,           /* pc_codec_next_event: no complete event buffered; feed more bytes */
    PC_CLOSED = 2,             /* the peer sent a close frame; the reply waits in pc_codec_take_outgoing */
    PC_TURN_DONE = 3,          /* pc_session_next_event: the turn is over (its terminal event or error was delivered) */
    PC_E_INVALID_ARGUMENT = -1, /* NULL pointer, bad length, bad options, too-small pc_event.size */
    PC_E_INVALID_HANDLE = -2,  /* never created or already destroyed */
    PC_E_JSON = -3,            /* malformed JSON or wrong shape; for a received event, that message is skipped */
    PC_E_PROTOCOL = -4,        /* the peer broke RFC 6455 or a size limit; the codec is failed, a close frame is queued;
                                  session: the server's events broke the Responses protocol */
    PC_E_BUFFER_FULL = -5,     /* pc_codec_feed without out_accepted: pull events first */
    PC_E_INVALID_STATE = -6,   /* the connection is closed or failed: nothing more can be encoded */
    PC_E_UNSUPPORTED = -7,     /* a binary message (the API sends text only); it is skipped */
    PC_E_INTERNAL = -8,        /* a bug or out of memory inside the library */
    PC_E_INTERRUPTED = -9,     /* session: the connection dropped after the request was sent; NOT replayed (it may have run) */
    PC_E_API = -10,            /* session: the server answered with an error that no retry fixed */
    PC_E_CONNECTION = -11,     /* session: could not connect, or kept closing before the request was sent (nothing ran) */
    PC_E_CANCELLED = -12       /* session: the turn was cancelled by pc_session_cancel; its remaining events were dropped */
} pc_status;

/* Event kinds: pc_event.kind. Numbers are fixed forever; new types get new numbers at the end. */
typedef enum pc_event_kind {
    PC_EVENT_UNKNOWN = 0, /* a type this library version does not know: read type and raw_json */
    PC_EVENT_ERROR = 1,
    PC_EVENT_APPLY_PATCH_CALL_OPERATION_DIFF_DELTA = 2,
    PC_EVENT_APPLY_PATCH_CALL_OPERATION_DIFF_DONE = 3,
    PC_EVENT_AUDIO_DELTA = 4,
    PC_EVENT_AUDIO_DONE = 5,
    PC_EVENT_AUDIO_TRANSCRIPT_DELTA = 6,
    PC_EVENT_AUDIO_TRANSCRIPT_DONE = 7,
    PC_EVENT_CODE_INTERPRETER_CALL_COMPLETED = 8,
    PC_EVENT_CODE_INTERPRETER_CALL_IN_PROGRESS = 9,
    PC_EVENT_CODE_INTERPRETER_CALL_INTERPRETING = 10,
    PC_EVENT_CODE_INTERPRETER_CALL_CODE_DELTA = 11,
    PC_EVENT_CODE_INTERPRETER_CALL_CODE_DONE = 12,
    PC_EVENT_COMPACTION_COMPACTING = 13,
    PC_EVENT_RESPONSE_COMPLETED = 14,
    PC_EVENT_CONTENT_PART_ADDED = 15,
    PC_EVENT_CONTENT_PART_DONE = 16,
    PC_EVENT_RESPONSE_CREATED = 17,
    PC_EVENT_CUSTOM_TOOL_CALL_INPUT_DELTA = 18,
    PC_EVENT_CUSTOM_TOOL_CALL_INPUT_DONE = 19,
    PC_EVENT_RESPONSE_DONE = 20,
    PC_EVENT_RESPONSE_FAILED = 21,
    PC_EVENT_FILE_SEARCH_CALL_COMPLETED = 22,
    PC_EVENT_FILE_SEARCH_CALL_IN_PROGRESS = 23,
    PC_EVENT_FILE_SEARCH_CALL_SEARCHING = 24,
    PC_EVENT_FUNCTION_CALL_ARGUMENTS_DELTA = 25,
    PC_EVENT_FUNCTION_CALL_ARGUMENTS_DONE = 26,
    PC_EVENT_IMAGE_GENERATION_CALL_COMPLETED = 27,
    PC_EVENT_IMAGE_GENERATION_CALL_GENERATING = 28,
    PC_EVENT_IMAGE_GENERATION_CALL_IN_PROGRESS = 29,
    PC_EVENT_IMAGE_GENERATION_CALL_PARTIAL_IMAGE = 30,
    PC_EVENT_RESPONSE_IN_PROGRESS = 31,
    PC_EVENT_RESPONSE_INCOMPLETE = 32,
    PC_EVENT_RESPONSE_INJECT_CREATED = 33,
    PC_EVENT_RESPONSE_INJECT_FAILED = 34,
    PC_EVENT_MCP_CALL_COMPLETED = 35,
    PC_EVENT_MCP_CALL_FAILED = 36,
    PC_EVENT_MCP_CALL_IN_PROGRESS = 37,
    PC_EVENT_MCP_CALL_ARGUMENTS_DELTA = 38,
    PC_EVENT_MCP_CALL_ARGUMENTS_DONE = 39,
    PC_EVENT_MCP_LIST_TOOLS_COMPLETED = 40,
    PC_EVENT_MCP_LIST_TOOLS_FAILED = 41,
    PC_EVENT_MCP_LIST_TOOLS_IN_PROGRESS = 42,
    PC_EVENT_OUTPUT_ITEM_ADDED = 43,
    PC_EVENT_OUTPUT_ITEM_DONE = 44,
    PC_EVENT_OUTPUT_TEXT_ANNOTATION_ADDED = 45,
    PC_EVENT_OUTPUT_TEXT_DELTA = 46,
    PC_EVENT_OUTPUT_TEXT_DONE = 47,
    PC_EVENT_RESPONSE_QUEUED = 48,
    PC_EVENT_REASONING_SUMMARY_PART_ADDED = 49,
    PC_EVENT_REASONING_SUMMARY_PART_DONE = 50,
    PC_EVENT_REASONING_SUMMARY_TEXT_DELTA = 51,
    PC_EVENT_REASONING_SUMMARY_TEXT_DONE = 52,
    PC_EVENT_REASONING_TEXT_DELTA = 53,
    PC_EVENT_REASONING_TEXT_DONE = 54,
    PC_EVENT_REFUSAL_DELTA = 55,
    PC_EVENT_REFUSAL_DONE = 56,
    PC_EVENT_SHELL_CALL_COMMAND_ADDED = 57,
    PC_EVENT_SHELL_CALL_COMMAND_DELTA = 58,
    PC_EVENT_SHELL_CALL_COMMAND_DONE = 59,
    PC_EVENT_SHELL_CALL_OUTPUT_CONTENT_DELTA = 60,
    PC_EVENT_SHELL_CALL_OUTPUT_CONTENT_DONE = 61,
    PC_EVENT_STEER_ACCEPTED = 62,
    PC_EVENT_STEER_FAILED = 63,
    PC_EVENT_STEER_PENDING = 64,
    PC_EVENT_WEB_SEARCH_CALL_COMPLETED = 65,
    PC_EVENT_WEB_SEARCH_CALL_IN_PROGRESS = 66,
    PC_EVENT_WEB_SEARCH_CALL_SEARCHING = 67
} pc_event_kind;

/*
 * One decoded server event. The caller sets size = sizeof(pc_event) before each pc_codec_next_event; later ABI
 * minors only append members, and the library fills only what size covers.
 * Every pointer refers to library memory owned by the codec, valid until the next pc_codec_next_event,
 * pc_codec_next_events, pc_codec_feed or pc_codec_destroy on that codec. Copy what must live longer.
 */
typedef struct pc_event {
    uint32_t size;
    int32_t kind;              /* a pc_event_kind; PC_EVENT_UNKNOWN (0) for types this version does not know */
    int64_t sequence_number;   /* -1 if absent */
    int32_t output_index;      /* -1 if absent */
    int32_t content_index;     /* -1 if absent */
    const uint8_t* type;       /* the "type" string; never NULL */
    size_t type_length;
    const uint8_t* item_id;    /* NULL if absent */
    size_t item_id_length;
    const uint8_t* delta;      /* *.delta text events only, unescaped; NULL otherwise (non-NULL if present but empty) */
    size_t delta_length;
    const uint8_t* raw_json;   /* the whole message as received */
    size_t raw_json_length;
} pc_event;

/*
 * What a session knows for sure about its current or last turn (ABI 1.3; pc_session_turn_info). The caller sets
 * size = sizeof(pc_turn_info); later ABI minors only append members, and the library fills only the members it has.
 * Bytes are payload bytes, as the .NET ResponsesTurnResult.BytesSent/BytesReceived count them: WebSocket mode, the
 * text messages' payloads (the request JSON as sent, each event's JSON as received; no frame headers, masking keys or
 * control frames); HTTP mode, the request body and the response body (the SSE text) as read, without HTTP headers.
 * Every attempt of the turn counts (a retried request, an error event before a retry).
 */
typedef struct pc_turn_info {
    uint32_t size;
    int32_t done;              /* 1: the caller saw the turn end (PC_TURN_DONE or its error): the figures are final;
                                  0: it runs: only events, bytes_sent and bytes_received mean anything (so far) */
    int32_t status;            /* PC_OK, or the error pc_session_next_event ended the turn with (PC_E_CANCELLED ...) */
    int32_t full_context;      /* 1: the request carried the whole conversation; 0: it chained on previous_response_id
                                  with this turn's new items only (the session's own decision, not the server's echo);
                                  -1: not known (no terminal event: interrupted, cancelled, could not connect) */
    int32_t mode;              /* 0: WebSocket mode; 1: HTTP mode (the transport the turn ended on, after any fallback) */
    int32_t retries;           /* requests sent again before one ran (previous_response_not_found, connection limit,
                                  closed before sending); -1 when not known (as full_context) */
    int32_t connects;          /* WebSocket connections the turn opened (0 on the kept connection) */
    int32_t reconnects;        /* of connects, those that replaced an earlier connection (rotation, after a close) */
    int64_t events;            /* events of the turn's response queued for pc_session_next_event (a cancel drops some) */
    int64_t bytes_sent;        /* request payload bytes, every attempt */
    int64_t bytes_received;    /* event payload bytes, every attempt */
    int64_t input_tokens;      /* the terminal response's usage; each -1 when the server sent none */
    int64_t cached_tokens;
    int64_t output_tokens;
    int64_t reasoning_tokens;
    int64_t total_tokens;
    const uint8_t* response_id; /* the terminal response's id (UTF-8); NULL when there was none */
    size_t response_id_length;
} pc_turn_info;

/* A sans-IO client codec for one WebSocket connection. Not thread-safe: one thread at a time per codec. */
typedef struct pc_codec pc_codec;

/* A conversation with the Responses API, I/O included (ABI 1.1). One thread at a time per session. */
typedef struct pc_session pc_session;

/* (major << 16) | minor of the ABI this library implements. Thread-safe; cannot fail. */
PC_API uint32_t PC_CALL pc_abi_version(void);

/*
 * The message of the last failed call on the calling thread (UTF-8, not NUL-terminated; empty if none failed yet).
 * *out_message is library memory, valid until the next pc_ call on the same thread. Never free it. Thread-safe
 * (each thread has its own). Successful calls do not clear it.
 */
PC_API int32_t PC_CALL pc_last_error_message(const uint8_t** out_message, size_t* out_length);

/* Live handles of every kind (for leak checks in tests). Thread-safe. */
PC_API int32_t PC_CALL pc_debug_live_handles(int64_t* out_count);

/*
 * Creates a codec. options_json: NULL/0 for defaults, or a JSON object with optional integer members
 * "max_message_size" and "max_frame_size" (bytes, default 16 MiB each; unknown members are an error).
 * The options buffer stays the caller's. *out_codec is set to NULL on failure. Thread-safe.
 * Release the codec with pc_codec_destroy.
 */
PC_API int32_t PC_CALL pc_codec_create(const uint8_t* options_json, size_t options_length, pc_codec** out_codec);

/*
 * Destroys a codec; NULL is a no-op returning PC_OK; a destroyed handle gives PC_E_INVALID_HANDLE.
 * Every pointer the codec handed out becomes invalid. Must not race with other calls on the same codec.
 */
PC_API int32_t PC_CALL pc_codec_destroy(pc_codec* codec);

/*
 * Gives the codec bytes received from the server, in any chunking. The data is copied; the buffer stays the caller's.
 * The codec holds at most one largest frame (max_frame_size + 14 bytes) not yet pulled:
 *  - with out_accepted, it takes what fits and stores the count there (pull events until PC_NO_EVENT, then feed the
 *    rest: after pulling there is always room);
 *  - with out_accepted NULL, it takes all or nothing (PC_E_BUFFER_FULL).
 * Invalidates the pointers of the last pc_event. After PC_E_PROTOCOL it keeps failing with PC_E_PROTOCOL.
 */
PC_API int32_t PC_CALL pc_codec_feed(pc_codec* codec, const uint8_t* data, size_t length, size_t* out_accepted);

/*
 * Decodes the next event into *out_event (set out_event->size = sizeof(pc_event) first).
 * Returns PC_OK (an event), PC_NO_EVENT (feed more), PC_CLOSED (the peer closed: see pc_codec_close_info, send what
 * pc_codec_take_outgoing gives, then close the socket; it keeps returning PC_CLOSED), PC_E_JSON or PC_E_UNSUPPORTED
 * (that message is skipped; call again), or PC_E_PROTOCOL (the connection failed: send the close frame from
 * pc_codec_take_outgoing and close the socket). Pings are answered on the way: check pc_codec_take_outgoing after
 * pulling. Pulling an event allocates nothing once the codec's buffers have grown to the stream's sizes.
 */
PC_API int32_t PC_CALL pc_codec_next_event(pc_codec* codec, pc_event* out_event);

/*
 * Decodes up to capacity events in one call (for bindings where each call is expensive, such as ctypes). Set
 * out_events[0].size = sizeof(pc_event): it is also the array's stride. *out_count gets the number filled; the status
 * says why the batch stopped: PC_OK (the array is full: call again), PC_NO_EVENT or PC_CLOSED, as for
 * pc_codec_next_event. An error met after some events is held back and returned (with *out_count 0) by the next
 * pull, so the events before it are not lost. All events of the batch point into memory valid until the next
 * pc_codec_next_event, pc_codec_next_events, pc_codec_feed or pc_codec_destroy on that codec.
 */
PC_API int32_t PC_CALL pc_codec_next_events(pc_codec* codec, pc_event* out_events, size_t capacity, size_t* out_count);

/*
 * Validates a response.create request (one JSON object whose top-level "type" is "response.create"; the bytes are
 * sent as given) and encodes it as a masked text frame. *out_frames is library memory valid until the next
 * pc_codec_encode_create, pc_codec_encode_close or pc_codec_destroy on that codec. PC_E_JSON for invalid requests,
 * PC_E_INVALID_STATE once the connection is closed, closing or failed.
 */
PC_API int32_t PC_CALL pc_codec_encode_create(pc_codec* codec, const uint8_t* json, size_t length,
                                              const uint8_t** out_frames, size_t* out_length);

/*
 * Starts a clean close: encodes a masked close frame with code (0 for none, then reason must be empty; otherwise
 * 1000-1003, 1007-1014 or 3000-4999) and a UTF-8 reason of at most 123 bytes. Keep pulling events until
 * PC_CLOSED (the server's reply, which is not answered again), then close the socket. *out_frames is library memory
 * valid until the next pc_codec_encode_create, pc_codec_encode_close or pc_codec_destroy on that codec.
 * PC_E_INVALID_ARGUMENT for a bad code or reason; PC_E_INVALID_STATE if a close was already sent or received.
 * After it, pc_codec_encode_create fails with PC_E_INVALID_STATE.
 */
PC_API int32_t PC_CALL pc_codec_encode_close(pc_codec* codec, int32_t code, const uint8_t* reason, size_t reason_length,
                                             const uint8_t** out_frames, size_t* out_length);

/*
 * The control frames to send (pongs, the close reply, or the close frame after a protocol error) queued since the last
 * call; length 0 if none. Send them before anything encoded later. *out_bytes is library memory valid until the next
 * pc_codec_take_outgoing, pc_codec_next_event(s) or pc_codec_destroy on that codec.
 */
PC_API int32_t PC_CALL pc_codec_take_outgoing(pc_codec* codec, const uint8_t** out_bytes, size_t* out_length);

/*
 * The peer's close frame: *out_code is 0 until one arrived, 1005 if it carried no code. *out_reason is UTF-8 in
 * library memory (NULL while *out_code is 0), valid until pc_codec_destroy.
 */
PC_API int32_t PC_CALL pc_codec_close_info(pc_codec* codec, int32_t* out_code, const uint8_t** out_reason,
                                           size_t* out_reason_length);

/*
 * Sessions (ABI 1.1): the library connects, sends and receives on its own threads; the caller sends turns and pulls
 * events. Chaining (previous_response_id), connection rotation before the age limit, reconnects between turns and the
 * full-context retry after previous_response_not_found happen inside, as in the .NET ResponsesSession
 * (docs/client.md). A request that may have started is never replayed: that is PC_E_INTERRUPTED.
 * The API key is never put into an error message: a server that echoes it has every whole occurrence replaced by
 * "[redacted]". A key shorter than 8 characters is not searched for (it would match inside ordinary words); real
 * keys are far longer.
 */

/*
 * Opens a session; nothing connects until the first pc_session_send. url: the API base URL (http, https, ws or wss;
 * "/responses" is appended) or the endpoint itself ("wss://api.openai.com/v1/responses"), either form giving both the
 * WebSocket and the HTTP endpoint. api_key: sent as "Authorization: Bearer"; NULL/0 for none. options_json: NULL/0 for
 * defaults, or a JSON object with optional members "mode" ("websocket" (default) or "http"), "connect_timeout_ms",
 * "first_event_timeout_ms", "idle_timeout_ms", "max_connection_age_ms", "max_reconnect_attempts",
 * "allow_http_fallback" (bool) and "io_mode" ("thread_pool" (default) or "event_loop": on Linux the session's socket is
 * read on the library's epoll loop threads, less CPU per event with many sessions); unknown members are an error. Every buffer stays the caller's.
 * PC_E_INVALID_ARGUMENT for a bad URL or options. *out_session is set to NULL on failure. Thread-safe.
 * Release the session with pc_session_destroy.
 */
PC_API int32_t PC_CALL pc_session_open(const uint8_t* url, size_t url_length, const uint8_t* api_key, size_t api_key_length,
                                       const uint8_t* options_json, size_t options_length, pc_session** out_session);

/*
 * Starts a turn. json is a response.create request (top-level "type": "response.create") whose "input" holds only the
 * NEW items of this turn (a user message, or the function_call_output items for the last turn's calls); a string
 * input becomes one user message. The first call's other members (model, instructions, tools...) become the template
 * of every turn; later calls' other members are ignored. The session sets previous_response_id itself.
 * Returns at once (the request goes out on a library thread); pull the events with pc_session_next_event.
 * PC_E_JSON for an invalid request, PC_E_INVALID_STATE while a turn is in progress (pull until PC_TURN_DONE first)
 * or after pc_session_close. The buffer stays the caller's.
 */
PC_API int32_t PC_CALL pc_session_send(pc_session* session, const uint8_t* json, size_t length);

/*
 * Pulls the next event of the current turn into *out_event (set out_event->size = sizeof(pc_event) first), waiting up
 * to timeout_ms milliseconds (0: do not wait; negative: wait forever). Returns:
 *  - PC_OK: an event, filled as by pc_codec_next_event except that raw_json is the event re-encoded as compact JSON
 *    (the session parsed it; same content, not necessarily the received bytes). The terminal event (response.completed,
 *    response.failed, response.incomplete, response.done or a terminal error event) is an ordinary PC_OK event;
 *  - PC_NO_EVENT: timeout_ms passed without an event; call again;
 *  - PC_TURN_DONE: the turn is over: after its terminal event, after its error, or when no turn was sent. Every later
 *    call returns PC_TURN_DONE too, until the next pc_session_send;
 *  - an error, once, that ended the turn: PC_E_INTERRUPTED (the connection dropped mid-response or stalled past the
 *    timeouts; not replayed), PC_E_API (an error event, delivered before as PC_OK, or an HTTP error status),
 *    PC_E_CONNECTION (could not connect; nothing ran), PC_E_CANCELLED (pc_session_cancel); then PC_TURN_DONE. The
 *    session stays usable for the next turn.
 * PC_E_INVALID_STATE after pc_session_close. Every pointer in *out_event refers to library memory owned by the
 * session, valid until the next pc_session_next_event, pc_session_close or pc_session_destroy on that session.
 */
PC_API int32_t PC_CALL pc_session_next_event(pc_session* session, int32_t timeout_ms, pc_event* out_event);

/*
 * Cancels the turn in progress, if any (ABI 1.2). The one call that may run on any thread, also while another thread
 * waits in pc_session_next_event on the same session. If the response was still running, its connection is closed (it
 * is not replayed, and the next turn sends the full context on a new connection); the events not yet pulled are
 * dropped; the next (or the waiting) pc_session_next_event returns PC_E_CANCELLED once, then PC_TURN_DONE. The session
 * stays usable: the next pc_session_send may wait up to about 5 s for the cancelled turn's connection to close.
 * PC_OK, also when no turn runs (then nothing happens). Must not race with pc_session_destroy.
 */
PC_API int32_t PC_CALL pc_session_cancel(pc_session* session);

/*
 * A file descriptor to wait on instead of blocking in pc_session_next_event (ABI 1.4; Linux: an eventfd), for event
 * loops (asyncio add_reader, epoll, poll). Level-triggered: it is readable whenever pc_session_next_event with
 * timeout_ms 0 would return something other than PC_NO_EVENT (an event, an error, PC_TURN_DONE after the turn ended
 * or was cancelled, PC_E_INVALID_STATE after close). Only such a pull that returns PC_NO_EVENT drains it (after which
 * it checks once more, so no wake-up is lost); it may be readable spuriously, never missing. Protocol: pull with
 * timeout_ms 0 until PC_NO_EVENT, wait for the fd to be readable, repeat. Never read, write or close it yourself; it
 * is the same fd on every call and stays open until pc_session_destroy (stop waiting on it before that). Not for the
 * codec. PC_E_INVALID_STATE after pc_session_close; PC_E_INVALID_ARGUMENT for NULL; *out_fd is -1 on failure.
 */
PC_API int32_t PC_CALL pc_session_ready_fd(pc_session* session, int32_t* out_fd);

/*
 * Fills *out_info (set out_info->size = sizeof(pc_turn_info) first) about the current turn, or the last one once it
 * ended (ABI 1.3). The figures are final (done = 1) once pc_session_next_event returned PC_TURN_DONE or the turn's
 * error; after PC_E_CANCELLED it waits (at most about 5 s) for the cancelled turn's connection to close first.
 * response_id is library memory valid until the next pc_session_send or pc_session_destroy on that session.
 * PC_E_INVALID_STATE before the first pc_session_send or after pc_session_close; PC_E_INVALID_ARGUMENT for NULL or a
 * size below this version's sizeof(pc_turn_info). Call it from the thread that pulls the events.
 */
PC_API int32_t PC_CALL pc_session_turn_info(pc_session* session, pc_turn_info* out_info);

/*
 * Cancels a turn in progress and closes the connection (waits at most about 10 s). The handle stays valid: later
 * calls other than pc_session_close and pc_session_destroy give PC_E_INVALID_STATE. Closing twice is a no-op.
 */
PC_API int32_t PC_CALL pc_session_close(pc_session* session);

/*
 * Closes the session if needed and destroys it; NULL is a no-op returning PC_OK; a destroyed handle gives
 * PC_E_INVALID_HANDLE. Every pointer the session handed out becomes invalid. Must not race with other calls on it.
 */
PC_API int32_t PC_CALL pc_session_destroy(pc_session* session);

#ifdef __cplusplus
}
#endif

#endif /* PROTOCOLCORE_H */
