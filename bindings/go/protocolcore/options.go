package protocolcore

import (
	"math"
	"os"
	"strconv"
	"time"
)

// DefaultBaseURL is the API base URL Open uses when neither WithBaseURL nor OPENAI_BASE_URL gives one.
const DefaultBaseURL = "https://api.openai.com/v1"

// Transport is the way a session reaches the Responses API.
type Transport string

// Transports (the "mode" of pc_session_open's options).
const (
	// TransportWebSocket: one persistent socket, turns chained with previous_response_id (the default).
	TransportWebSocket Transport = "websocket"
	// TransportHTTP: one HTTP request with a server-sent event stream per turn.
	TransportHTTP Transport = "http"
)

// IOMode is how the library reads a session's socket ("io_mode" of pc_session_open's options).
type IOMode string

// I/O modes.
const (
	// IOModeThreadPool: .NET's sockets and thread pool (the default).
	IOModeThreadPool IOMode = "thread_pool"
	// IOModeEventLoop: on Linux, the library's own epoll threads read the socket and run its code after each read,
	// without a thread-pool hop per event: less CPU per event with many sessions (elsewhere, the thread pool).
	IOModeEventLoop IOMode = "event_loop"
)

// Option configures a session opened by Open, in the manner of openai-go's option functions. An option given a value
// the library would refuse makes Open return ErrInvalidArgument naming it.
type Option func(*openConfig) error

// openConfig is what Open's options set: the URL, the key and SessionOptions.
type openConfig struct {
	baseURL  string
	apiKey   string
	options  SessionOptions
	attempts int
	fallback bool
}

// Open opens a session configured by options, as openai-go's NewClient is: the base URL is WithBaseURL's, else
// $OPENAI_BASE_URL, else DefaultBaseURL; the API key is WithAPIKey's, else $OPENAI_API_KEY. The URL may be the base
// ("https://api.openai.com/v1") or the endpoint ("wss://api.openai.com/v1/responses"). Nothing connects before the
// first Send. ErrInvalidArgument for a bad URL or option. Open(WithBaseURL(u), WithAPIKey(k)) is OpenSession(u, k, nil).
func Open(options ...Option) (*Session, error) {
	config, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	return OpenSession(config.baseURL, config.apiKey, &config.options)
}

// resolveOptions applies options over the environment's defaults.
func resolveOptions(options []Option) (openConfig, error) {
	config := openConfig{baseURL: os.Getenv("OPENAI_BASE_URL"), apiKey: os.Getenv("OPENAI_API_KEY")}
	for _, option := range options {
		if option == nil {
			continue
		}
		if err := option(&config); err != nil {
			return openConfig{}, err
		}
	}
	if config.baseURL == "" {
		config.baseURL = DefaultBaseURL
	}
	return config, nil
}

// WithBaseURL sets the API base URL ("https://api.openai.com/v1", or a local "http://127.0.0.1:8080/v1") or the
// WebSocket endpoint itself ("wss://api.openai.com/v1/responses").
func WithBaseURL(url string) Option {
	return func(c *openConfig) error {
		if url == "" {
			return invalidOption("WithBaseURL: the URL is empty")
		}
		c.baseURL = url
		return nil
	}
}

// WithAPIKey sets the API key sent as the bearer token (instead of $OPENAI_API_KEY); empty sends none.
func WithAPIKey(key string) Option {
	return func(c *openConfig) error {
		c.apiKey = key
		return nil
	}
}

// WithTransport chooses WebSocket mode (the default) or HTTP mode.
func WithTransport(transport Transport) Option {
	return func(c *openConfig) error {
		if transport != TransportWebSocket && transport != TransportHTTP {
			return invalidOption("WithTransport: unknown transport " + strconv.Quote(string(transport)))
		}
		c.options.Mode = string(transport)
		return nil
	}
}

// WithIOMode chooses how the library reads the session's socket: IOModeThreadPool (the default) or IOModeEventLoop.
func WithIOMode(mode IOMode) Option {
	return func(c *openConfig) error {
		if mode != IOModeThreadPool && mode != IOModeEventLoop {
			return invalidOption("WithIOMode: unknown I/O mode " + strconv.Quote(string(mode)))
		}
		c.options.IOMode = string(mode)
		return nil
	}
}

// WithConnectTimeout bounds each connect, TLS and upgrade included (at least 1 ms).
func WithConnectTimeout(d time.Duration) Option {
	return durationOption("WithConnectTimeout", d, func(c *openConfig, ms int) { c.options.ConnectTimeoutMS = ms })
}

// WithFirstEventTimeout bounds the wait for a response's first event after its request was sent (at least 1 ms).
func WithFirstEventTimeout(d time.Duration) Option {
	return durationOption("WithFirstEventTimeout", d, func(c *openConfig, ms int) { c.options.FirstEventTimeoutMS = ms })
}

// WithIdleTimeout bounds the wait between two events of a response (at least 1 ms).
func WithIdleTimeout(d time.Duration) Option {
	return durationOption("WithIdleTimeout", d, func(c *openConfig, ms int) { c.options.IdleTimeoutMS = ms })
}

// WithMaxConnectionAge rotates the connection between turns once it is this old (at least 1 ms; the server closes
// WebSocket connections at 60 minutes).
func WithMaxConnectionAge(d time.Duration) Option {
	return durationOption("WithMaxConnectionAge", d, func(c *openConfig, ms int) { c.options.MaxConnectionAgeMS = ms })
}

// WithMaxReconnectAttempts bounds the reconnects for one request before it is sent (0 to 100; 0: none).
func WithMaxReconnectAttempts(n int) Option {
	return func(c *openConfig) error {
		if n < 0 || n > 100 {
			return invalidOption("WithMaxReconnectAttempts: must be 0 to 100")
		}
		c.attempts = n
		c.options.MaxReconnectAttempts = &c.attempts
		return nil
	}
}

// WithHTTPFallback allows or forbids a turn to go over HTTP when WebSocket mode cannot carry it.
func WithHTTPFallback(allow bool) Option {
	return func(c *openConfig) error {
		c.fallback = allow
		c.options.AllowHTTPFallback = &c.fallback
		return nil
	}
}

// durationOption converts d to the whole milliseconds the library takes, refusing what it would refuse (below 1 ms
// or past int32's range) instead of rounding it to "not set".
func durationOption(name string, d time.Duration, set func(*openConfig, int)) Option {
	return func(c *openConfig) error {
		if d < time.Millisecond || d/time.Millisecond > math.MaxInt32 {
			return invalidOption(name + ": must be at least 1ms and at most 2147483647ms, got " + d.String())
		}
		set(c, int(d/time.Millisecond))
		return nil
	}
}

func invalidOption(message string) error {
	return &Error{Status: StatusInvalidArgument, Message: message}
}
