package protocolcore

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Per-event cost of decoding recorded output_text.delta events: the library through cgo (views and copies) vs
// encoding/json on the same frames. One op is one event. go test -run - -bench . -benchtime 200000x ./...

func deltaStream(b *testing.B) ([]byte, [][]byte) {
	var messages [][]byte
	for _, f := range fixtureFiles(b) {
		for _, m := range fixtureMessages(b, f) {
			if bytes.Contains(m, []byte(`"response.output_text.delta"`)) {
				messages = append(messages, m)
			}
		}
	}
	if len(messages) == 0 {
		b.Fatal("no delta events in the fixtures")
	}
	var stream []byte
	for i := 0; i < 1000; i++ {
		stream = append(stream, frame(opText, messages[i%len(messages)], true, nil)...)
	}
	return stream, messages
}

// benchmarkPushes pushes the delta stream until pull (called after every push, returning how many events it took)
// has taken b.N events.
func benchmarkPushes(b *testing.B, c *Codec, pull func() int) {
	stream, _ := deltaStream(b)
	b.ResetTimer()
	for done := 0; done < b.N; {
		for rest := stream; len(rest) > 0; {
			n, err := c.Push(rest)
			if err != nil {
				b.Fatal(err)
			}
			rest = rest[n:]
			done += pull()
		}
	}
}

func BenchmarkNextDeltaView(b *testing.B) {
	c := newCodec(b, nil)
	var view EventView
	benchmarkPushes(b, c, func() int {
		pulled := 0
		for {
			status, err := c.Next(&view)
			if err != nil {
				b.Fatal(err)
			}
			if status != StatusOK {
				return pulled
			}
			if view.Delta == nil {
				b.Fatal("no delta")
			}
			pulled++
		}
	})
}

// BenchmarkNextBatchDeltaView is NextDeltaView with up to BatchSize events per cgo call.
func BenchmarkNextBatchDeltaView(b *testing.B) {
	c := newCodec(b, nil)
	views := make([]EventView, BatchSize)
	benchmarkPushes(b, c, func() int {
		pulled := 0
		for {
			count, status, err := c.NextBatch(views)
			if err != nil {
				b.Fatal(err)
			}
			for i := range views[:count] {
				if views[i].Delta == nil {
					b.Fatal("no delta")
				}
			}
			pulled += count
			if status != StatusOK {
				return pulled
			}
		}
	})
}

func BenchmarkFeedDeltaCopied(b *testing.B) {
	stream, _ := deltaStream(b)
	c := newCodec(b, nil)
	b.ResetTimer()
	for done := 0; done < b.N; {
		events, err := c.Feed(stream)
		if err != nil {
			b.Fatal(err)
		}
		done += len(events)
	}
}

type deltaEvent struct {
	Type           string `json:"type"`
	SequenceNumber int64  `json:"sequence_number"`
	ItemID         string `json:"item_id"`
	OutputIndex    int    `json:"output_index"`
	ContentIndex   int    `json:"content_index"`
	Delta          string `json:"delta"`
}

// BenchmarkEncodingJSON splits the same frames by hand (unmasked, short headers) and unmarshals each message with
// encoding/json into a struct of the fields pc_event carries.
func BenchmarkEncodingJSON(b *testing.B) {
	stream, _ := deltaStream(b)
	var e deltaEvent
	b.ResetTimer()
	for done := 0; done < b.N; {
		for i := 0; i < len(stream); {
			n := int(stream[i+1] & 0x7F)
			i += 2
			if n == 126 {
				n = int(stream[i])<<8 | int(stream[i+1])
				i += 2
			}
			if err := json.Unmarshal(stream[i:i+n], &e); err != nil {
				b.Fatal(err)
			}
			i += n
			done++
		}
	}
}
