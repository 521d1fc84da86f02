package protocolcore

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func openWith(t *testing.T, options ...Option) *Session {
	t.Helper()
	s, err := Open(options...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenWithOptionsRunsTheToolLoop(t *testing.T) {
	url := startEmulator(t, "--api-key", testAPIKey)
	for _, transport := range []Transport{TransportWebSocket, TransportHTTP} {
		t.Run(string(transport), func(t *testing.T) {
			s := openWith(t, WithBaseURL(url), WithAPIKey(testAPIKey), WithTransport(transport),
				WithConnectTimeout(5*time.Second), WithFirstEventTimeout(10*time.Second), WithIdleTimeout(10*time.Second),
				WithMaxConnectionAge(time.Hour), WithMaxReconnectAttempts(2), WithHTTPFallback(false), WithIOMode(IOModeEventLoop))
			turns, calls, last, _ := runToolLoop(t, s)
			if turns != scriptedTurns || calls != scriptedCalls || !strings.HasPrefix(last.Text, scriptedFinalPrefix) {
				t.Fatalf("%d turns, %d calls, final %q", turns, calls, last.Text)
			}
			info, err := s.TurnInfo(guard(t))
			if err != nil {
				t.Fatal(err)
			}
			// HTTP mode sends the whole conversation every turn; WebSocket mode chains the last turn.
			if info.FullContext == nil || *info.FullContext != (transport == TransportHTTP) {
				t.Fatalf("%s: full context %v on the last turn", transport, info.FullContext)
			}
		})
	}
}

func TestOpenTakesTheURLAndKeyFromTheEnvironment(t *testing.T) {
	url := startEmulator(t, "--api-key", testAPIKey)
	t.Setenv("OPENAI_BASE_URL", url)
	t.Setenv("OPENAI_API_KEY", testAPIKey)
	result, err := openWith(t).RunTurn(guard(t), firstRequest(), nil)
	if err != nil || result.Terminal != KindResponseCompleted {
		t.Fatalf("from the environment: %+v, %v", result, err)
	}

	// The options win over the environment: a wrong key from WithAPIKey is refused by the server.
	s := openWith(t, WithAPIKey("sk-not-the-key-0123456789"), WithMaxReconnectAttempts(0))
	_, err = s.RunTurn(guard(t), firstRequest(), nil)
	if !errors.Is(err, ErrConnection) && !errors.Is(err, ErrAPI) {
		t.Fatalf("WithAPIKey over $OPENAI_API_KEY: %v", err)
	}
	if strings.Contains(err.Error(), "sk-not-the-key-0123456789") {
		t.Fatalf("the error shows the API key: %v", err)
	}
}

func TestOpenDefaultsToTheOpenAIBaseURL(t *testing.T) {
	t.Setenv("OPENAI_BASE_URL", "")
	t.Setenv("OPENAI_API_KEY", "sk-from-the-environment")
	config, err := resolveOptions([]Option{WithTransport(TransportHTTP), nil})
	if err != nil || config.baseURL != DefaultBaseURL || config.apiKey != "sk-from-the-environment" || config.options.Mode != "http" {
		t.Fatalf("resolved %+v, %v", config, err)
	}
	config, err = resolveOptions([]Option{WithBaseURL("http://127.0.0.1:1/v1"), WithAPIKey("")})
	if err != nil || config.baseURL != "http://127.0.0.1:1/v1" || config.apiKey != "" {
		t.Fatalf("resolved %+v, %v", config, err)
	}
	// Open connects lazily, so opening on the default URL succeeds without a network.
	openWith(t)
}

func TestOpenRefusesBadOptions(t *testing.T) {
	cases := map[string]Option{
		"empty URL":           WithBaseURL(""),
		"not a URL":           WithBaseURL("not a url"),
		"unknown transport":   WithTransport("carrier-pigeon"),
		"unknown I/O mode":    WithIOMode("io_uring"),
		"sub-millisecond":     WithConnectTimeout(500 * time.Microsecond),
		"negative":            WithIdleTimeout(-time.Second),
		"zero":                WithFirstEventTimeout(0),
		"past int32 ms":       WithMaxConnectionAge(time.Duration(1<<31) * time.Millisecond),
		"negative reconnects": WithMaxReconnectAttempts(-1),
		"too many reconnects": WithMaxReconnectAttempts(101),
	}
	for name, option := range cases {
		if s, err := Open(WithAPIKey(testAPIKey), option); !errors.Is(err, ErrInvalidArgument) {
			if s != nil {
				s.Close()
			}
			t.Errorf("%s: %v", name, err)
		} else if strings.Contains(err.Error(), testAPIKey) {
			t.Errorf("%s: the error shows the API key: %v", name, err)
		}
	}
	// A nil option is skipped, as an empty one would be.
	openWith(t, nil, WithBaseURL("http://127.0.0.1:1/v1/"))
}
