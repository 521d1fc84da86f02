/* C helpers for the cgo binding: wrappers that take handles as integers (a handle is not a real pointer, so Go
 * must never hold it in a pointer-typed variable) and copy the error message inside the failing C call. */
#ifndef PCGO_H
#define PCGO_H

#include <stdlib.h>
#include <string.h>
#include "protocolcore.h"

// Events per pc_codec_next_events call: enough that the cgo crossing (~40 ns) is a small share of each event.
#define PCGO_BATCH 64

// Per-codec C memory: the events the library fills and the message of the last error. The message is copied inside
// the same C call that failed, because pc_last_error_message is per OS thread and a goroutine may change threads
// between two cgo calls.
typedef struct pcgo_state {
    pc_event event;
    pc_event batch[PCGO_BATCH];
    size_t batch_count;
    size_t error_length;
    char error[512];
} pcgo_state;

static inline int32_t pcgo_check(int32_t status, pcgo_state* st) {
    if (status < 0) {
        const uint8_t* message = NULL;
        size_t length = 0;
        if (pc_last_error_message(&message, &length) != PC_OK || message == NULL) {
            length = 0;
        }
        if (length > sizeof(st->error)) {
            length = sizeof(st->error);
        }
        if (length > 0) {
            memcpy(st->error, message, length);
        }
        st->error_length = length;
    }
    return status;
}

static inline pcgo_state* pcgo_state_new(void) {
    pcgo_state* st = (pcgo_state*)calloc(1, sizeof(pcgo_state));
    if (st != NULL) {
        st->event.size = sizeof(pc_event);
        st->batch[0].size = sizeof(pc_event);
    }
    return st;
}

static inline int32_t pcgo_create(const uint8_t* options, size_t length, uintptr_t* codec, pcgo_state* st) {
    pc_codec* created = NULL;
    int32_t status = pcgo_check(pc_codec_create(options, length, &created), st);
    *codec = (uintptr_t)created;
    return status;
}

static inline int32_t pcgo_destroy(uintptr_t codec, pcgo_state* st) {
    return pcgo_check(pc_codec_destroy((pc_codec*)codec), st);
}

static inline int32_t pcgo_feed(uintptr_t codec, const uint8_t* data, size_t length, size_t* accepted, pcgo_state* st) {
    return pcgo_check(pc_codec_feed((pc_codec*)codec, data, length, accepted), st);
}

static inline int32_t pcgo_next(uintptr_t codec, pcgo_state* st) {
    return pcgo_check(pc_codec_next_event((pc_codec*)codec, &st->event), st);
}

static inline int32_t pcgo_next_batch(uintptr_t codec, size_t capacity, pcgo_state* st) {
    if (capacity > PCGO_BATCH) {
        capacity = PCGO_BATCH;
    }
    return pcgo_check(pc_codec_next_events((pc_codec*)codec, st->batch, capacity, &st->batch_count), st);
}

static inline int32_t pcgo_encode_create(uintptr_t codec, const uint8_t* json, size_t length, const uint8_t** frames,
                                  size_t* frames_length, pcgo_state* st) {
    return pcgo_check(pc_codec_encode_create((pc_codec*)codec, json, length, frames, frames_length), st);
}

static inline int32_t pcgo_encode_close(uintptr_t codec, int32_t code, const uint8_t* reason, size_t reason_length,
                                        const uint8_t** frames, size_t* frames_length, pcgo_state* st) {
    return pcgo_check(pc_codec_encode_close((pc_codec*)codec, code, reason, reason_length, frames, frames_length), st);
}

static inline int32_t pcgo_take_outgoing(uintptr_t codec, const uint8_t** bytes, size_t* length, pcgo_state* st) {
    return pcgo_check(pc_codec_take_outgoing((pc_codec*)codec, bytes, length), st);
}

static inline int32_t pcgo_close_info(uintptr_t codec, int32_t* code, const uint8_t** reason, size_t* length,
                               pcgo_state* st) {
    return pcgo_check(pc_codec_close_info((pc_codec*)codec, code, reason, length), st);
}

static inline int32_t pcgo_session_open(const uint8_t* url, size_t url_length, const uint8_t* key, size_t key_length,
                                        const uint8_t* options, size_t options_length, uintptr_t* session,
                                        pcgo_state* st) {
    pc_session* opened = NULL;
    int32_t status = pcgo_check(pc_session_open(url, url_length, key, key_length, options, options_length, &opened), st);
    *session = (uintptr_t)opened;
    return status;
}

static inline int32_t pcgo_session_send(uintptr_t session, const uint8_t* json, size_t length, pcgo_state* st) {
    return pcgo_check(pc_session_send((pc_session*)session, json, length), st);
}

static inline int32_t pcgo_session_next(uintptr_t session, int32_t timeout_ms, pcgo_state* st) {
    return pcgo_check(pc_session_next_event((pc_session*)session, timeout_ms, &st->event), st);
}

/* pc_session_cancel runs on another goroutine while a pull may be using st, so it copies no message: its only error
 * is PC_E_INVALID_HANDLE. */
static inline int32_t pcgo_session_cancel(uintptr_t session) {
    return pc_session_cancel((pc_session*)session);
}

static inline int32_t pcgo_session_turn_info(uintptr_t session, pc_turn_info* info, pcgo_state* st) {
    info->size = sizeof(pc_turn_info);
    return pcgo_check(pc_session_turn_info((pc_session*)session, info), st);
}

static inline int32_t pcgo_session_close(uintptr_t session, pcgo_state* st) {
    return pcgo_check(pc_session_close((pc_session*)session), st);
}

static inline int32_t pcgo_session_destroy(uintptr_t session, pcgo_state* st) {
    return pcgo_check(pc_session_destroy((pc_session*)session), st);
}

static inline int32_t pcgo_live_handles(int64_t* count) {
    return pc_debug_live_handles(count);
}
#endif
