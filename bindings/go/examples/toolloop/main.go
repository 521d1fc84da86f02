// Command toolloop runs a coding agent's tool loop over a protocolcore session: the model reads, searches and edits
// the files under -root through five function tools, until it answers without a call.
//
//	OPENAI_API_KEY=sk-... toolloop [-root DIR] [-test-command CMD] BASE_URL
//
// BASE_URL is the API's ("https://api.openai.com/v1") or an emulator's ("http://127.0.0.1:PORT/v1" from
// `protocolcore serve`). Each turn prints a progress line; the model's answer and a summary come last.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"protocolcore.dev/bindings/go/protocolcore"
)

// A tool: what the model is told (name, description, JSON schema of the arguments) and what runs a call.
type tool struct {
	name, description string
	schema            json.RawMessage
	run               protocolcore.ToolFunc
}

var (
	root        = flag.String("root", ".", "the directory the tools read and edit (nothing outside it)")
	testCommand = flag.String("test-command", "", "the command run_tests runs in -root (none: run_tests reports that)")
)

func main() {
	log.SetFlags(0)
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: OPENAI_API_KEY=... toolloop [flags] BASE_URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	baseURL := flag.Arg(0)

	// README:BEGIN (the README's Go tool loop is this block, verbatim; eng/native-tests.sh checks it)
	s, err := protocolcore.Open(protocolcore.WithBaseURL(baseURL)) // the key: $OPENAI_API_KEY
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	loop := protocolcore.NewToolLoop(s)
	loop.OnTurn = printTurn // "turn 3: read_file, read_file"
	for _, t := range tools {
		if err := loop.Register(t.name, t.description, t.schema, t.run); err != nil {
			log.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	result, err := loop.Run(ctx, []byte(`{"type":"response.create","model":"gpt-5.5","input":"Fix the failing test."}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(result.Final().Text)
	// README:END

	var tokens int64
	for _, turn := range result.Turns {
		if turn.Usage != nil {
			tokens += turn.Usage.TotalTokens
		}
	}
	fmt.Printf("%d turns, %d tool calls, %d tokens\n", len(result.Turns), result.ToolCalls, tokens)
}

func printTurn(n int, turn *protocolcore.TurnResult) {
	names := make([]string, len(turn.FunctionCalls))
	for i, call := range turn.FunctionCalls {
		names[i] = call.Name
	}
	if len(names) == 0 {
		names = []string{"answer"}
	}
	fmt.Printf("turn %d: %s (%s)\n", n, strings.Join(names, ", "), turn.ResponseID)
}

var tools = []tool{
	{"read_file", "Read a UTF-8 text file.", object(`"path":{"type":"string"}`, "path"), readFile},
	{"grep", "Search files with a regular expression.", object(`"pattern":{"type":"string"},"path":{"type":"string"}`, "pattern"), grep},
	{"list_dir", "List a directory.", object(`"path":{"type":"string"}`, "path"), listDir},
	{"edit_file", "Replace one exact occurrence of old_string with new_string in a file.",
		object(`"path":{"type":"string"},"old_string":{"type":"string"},"new_string":{"type":"string"}`, "path", "old_string", "new_string"), editFile},
	{"run_tests", "Run the test suite, optionally filtered.", object(`"filter":{"type":"string"}`), runTests},
}

func object(properties string, required ...string) json.RawMessage {
	names, _ := json.Marshal(append([]string{}, required...))
	return json.RawMessage(`{"type":"object","properties":{` + properties + `},"required":` + string(names) + `}`)
}

// arguments is every tool's arguments; a tool reads the members it defines.
type arguments struct {
	Path, Pattern, Filter string
	OldString             string `json:"old_string"`
	NewString             string `json:"new_string"`
}

// Tool failures the model can act on (no such file, a bad pattern) are its output, so the loop goes on; only
// arguments that are not JSON end the loop, as a Go error.
func parse(raw string) (arguments, error) {
	var a arguments
	err := json.Unmarshal([]byte(raw), &a)
	return a, err
}

// inRoot resolves a path the model gave inside -root, refusing one that leaves it.
func inRoot(path string) (string, error) {
	full := filepath.Join(*root, filepath.Clean("/"+path))
	if rel, err := filepath.Rel(*root, full); err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside the repository", path)
	}
	return full, nil
}

func readFile(_ context.Context, raw string) (string, error) {
	a, err := parse(raw)
	if err != nil {
		return "", err
	}
	path, err := inRoot(a.Path)
	if err == nil {
		var data []byte
		if data, err = os.ReadFile(path); err == nil {
			return string(data), nil
		}
	}
	return "error: " + err.Error(), nil
}

func listDir(_ context.Context, raw string) (string, error) {
	a, err := parse(raw)
	if err != nil {
		return "", err
	}
	path, err := inRoot(a.Path)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name())
		if e.IsDir() {
			b.WriteString("/")
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

func grep(_ context.Context, raw string) (string, error) {
	a, err := parse(raw)
	if err != nil {
		return "", err
	}
	pattern, err := regexp.Compile(a.Pattern)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	start, err := inRoot(a.Path)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	var b strings.Builder
	matches := 0
	_ = filepath.WalkDir(start, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || matches >= 100 {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(*root, path)
		for i, line := range strings.Split(string(data), "\n") {
			if pattern.MatchString(line) && matches < 100 {
				fmt.Fprintf(&b, "%s:%d:%s\n", rel, i+1, line)
				matches++
			}
		}
		return nil
	})
	if matches == 0 {
		return "no matches", nil
	}
	return b.String(), nil
}

func editFile(_ context.Context, raw string) (string, error) {
	a, err := parse(raw)
	if err != nil {
		return "", err
	}
	path, err := inRoot(a.Path)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "error: " + err.Error(), nil
	}
	if n := strings.Count(string(data), a.OldString); n != 1 || a.OldString == "" {
		return fmt.Sprintf("error: old_string occurs %d times in %s; it must occur exactly once", n, a.Path), nil
	}
	edited := strings.Replace(string(data), a.OldString, a.NewString, 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		return "error: " + err.Error(), nil
	}
	return "edited " + a.Path, nil
}

func runTests(ctx context.Context, raw string) (string, error) {
	a, err := parse(raw)
	if err != nil {
		return "", err
	}
	if *testCommand == "" {
		return "error: no test command configured (toolloop -test-command)", nil
	}
	fields := strings.Fields(*testCommand)
	if a.Filter != "" {
		fields = append(fields, a.Filter)
	}
	cmd := exec.CommandContext(ctx, fields[0], fields[1:]...)
	cmd.Dir = *root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Sprintf("%s\n(%v)", out, err), nil
	}
	return string(out), nil
}
