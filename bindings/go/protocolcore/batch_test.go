package protocolcore

import (
	"errors"
	"math/rand"
	"reflect"
	"testing"
)

// pushInChunks pushes stream to c in the given chunk sizes and calls drain after every push, until drain has made
// room for the whole chunk.
func pushInChunks(t *testing.T, c *Codec, stream []byte, chunks []int, drain func()) {
	for _, n := range chunks {
		for rest := stream[:n]; ; {
			taken, err := c.Push(rest)
			if err != nil {
				t.Fatal(err)
			}
			rest = rest[taken:]
			drain()
			if len(rest) == 0 {
				break
			}
		}
		stream = stream[n:]
	}
}

// pullOneByOne pushes stream in the given chunk sizes and pulls with Next, copying every event.
func pullOneByOne(t *testing.T, stream []byte, chunks []int) []Event {
	c := newCodec(t, nil)
	var events []Event
	var view EventView
	pushInChunks(t, c, stream, chunks, func() {
		for {
			status, err := c.Next(&view)
			if err != nil {
				t.Fatal(err)
			}
			if status != StatusOK {
				return
			}
			events = append(events, view.Copy())
		}
	})
	return events
}

// pullBatched does the same with NextBatch into views of the given size; every view of a batch is copied only after
// the batch, so views that a later event of the same batch overwrote would show.
func pullBatched(t *testing.T, stream []byte, chunks []int, size int) []Event {
	c := newCodec(t, nil)
	var events []Event
	views := make([]EventView, size)
	pushInChunks(t, c, stream, chunks, func() {
		for {
			count, status, err := c.NextBatch(views)
			if err != nil {
				t.Fatal(err)
			}
			if count > size || count > BatchSize || (status == StatusOK && count == 0) {
				t.Fatalf("batch of %d views: %d events, status %d", size, count, status)
			}
			for i := range views[:count] {
				events = append(events, views[i].Copy())
			}
			if status != StatusOK {
				return
			}
		}
	})
	return events
}

func TestNextBatchEqualsNextOnEveryFixture(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	total := 0
	for _, f := range fixtureFiles(t) {
		var stream []byte
		for _, m := range fixtureMessages(t, f) {
			stream = append(stream, frame(opText, m, true, nil)...)
		}
		var chunks []int
		for rest := len(stream); rest > 0; {
			n := []int{1, 7, 100, 1000, 65536}[rng.Intn(5)]
			if n > rest {
				n = rest
			}
			chunks = append(chunks, n)
			rest -= n
		}
		want := pullOneByOne(t, stream, chunks)
		for _, size := range []int{1, 3, BatchSize, 200} {
			if got := pullBatched(t, stream, chunks, size); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: batches of %d give %d events unlike Next's %d", f, size, len(got), len(want))
			}
		}
		total += len(want)
	}
	if total < 1000 {
		t.Fatalf("only %d events in the fixtures", total)
	}
}

func TestNextBatchHoldsBackAnErrorAfterEvents(t *testing.T) {
	c := newCodec(t, nil)
	stream := append(append(text(delta), text(`{"type":"x",}`)...), text(delta)...)
	stream = append(stream, frame(opClose, []byte{0x03, 0xE8}, true, nil)...)
	if _, err := c.Push(stream); err != nil {
		t.Fatal(err)
	}
	views := make([]EventView, 8)
	n, status, err := c.NextBatch(views)
	if n != 1 || status != StatusOK || err != nil || string(views[0].RawJSON) != delta {
		t.Fatalf("first batch: %d events, status %d, err %v", n, status, err)
	}
	if n, status, err := c.NextBatch(views); n != 0 || status != StatusJSON || !errors.Is(err, ErrJSON) {
		t.Fatalf("second batch: %d events, status %d, err %v", n, status, err)
	}
	n, status, err = c.NextBatch(views)
	if n != 1 || status != StatusClosed || err != nil || *views[0].Copy().Delta != `Hi "there" é` {
		t.Fatalf("third batch: %d events, status %d, err %v", n, status, err)
	}
	if n, status, err := c.NextBatch(views); n != 0 || status != StatusClosed || err != nil {
		t.Fatalf("after the close: %d events, status %d, err %v", n, status, err)
	}
}

func TestNextBatchArguments(t *testing.T) {
	c := newCodec(t, nil)
	if _, status, err := c.NextBatch(nil); status != StatusInvalidArgument || !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("no views: status %d, err %v", status, err)
	}
	if n, status, err := c.NextBatch(make([]EventView, 4)); n != 0 || status != StatusNoEvent || err != nil {
		t.Fatalf("nothing pushed: %d events, status %d, err %v", n, status, err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.NextBatch(make([]EventView, 4)); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("after Close: %v", err)
	}
}
