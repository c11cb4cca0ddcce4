// reader-go: a second reader for retention-guard's differential tests.
//
// It reads every request the way an ordinary Go service built on the standard library does
// (net/http, encoding/json, mime, mime/multipart) and answers with what it read, as JSON:
//
//	{"readers": [ {"reader": "go", ...} ]}
//
// It listens on 127.0.0.1, port chosen by the OS, prints one line `LISTENING <port>` and serves
// until killed, or until its standard input reaches end of file when that input is a pipe (so a
// test process that dies leaves no orphan). See ../README.md for the protocol.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
)

const maxBody = 64 << 20

// field records whether a JSON key was matched at all and, if so, the raw value of its last
// match. A plain *json.RawMessage can't tell `null` from absent: encoding/json sets a pointer
// field to nil for a JSON null without calling RawMessage.UnmarshalJSON. A non-pointer type
// with its own UnmarshalJSON is called for null too.
type field struct {
	set bool
	raw json.RawMessage
}

func (f *field) UnmarshalJSON(b []byte) error {
	f.set = true
	f.raw = append(f.raw[:0], b...)
	return nil
}

// payload is how a Go handler would declare the request body: encoding/json matches keys to
// these tags exactly first, then case-insensitively (with Unicode simple folding, e.g. U+017F
// for s and U+212A for k), and the last matching key wins.
type payload struct {
	Store              field `json:"store"`
	Model              field `json:"model"`
	PreviousResponseID field `json:"previous_response_id"`
	Conversation       field `json:"conversation"`
	Background         field `json:"background"`
	Input              field `json:"input"`
	Session            field `json:"session"`
	Tools              field `json:"tools"`
	Plugins            field `json:"plugins"`
	Models             field `json:"models"`
	// Hosted-feature fields (container, MCP, fallbacks, deferred results, live search, caches).
	Container            field `json:"container"`
	McpServers           field `json:"mcp_servers"`
	Fallbacks            field `json:"fallbacks"`
	Deferred             field `json:"deferred"`
	SearchParameters     field `json:"search_parameters"`
	PromptCacheRetention field `json:"prompt_cache_retention"`
	WebSearchOptions     field `json:"web_search_options"`
	// Gemini's native explicit cache, in both proto JSON spellings.
	CachedContent      field `json:"cachedContent"`
	CachedContentSnake field `json:"cached_content"`
	// Nested structs, merged like `provider`: every folded `extra_body`, `google` or
	// `diagnostics` key decodes into the one value.
	ExtraBody      extraBodyPart   `json:"extra_body"`
	ExtraBodyCamel extraBodyPart   `json:"extraBody"`
	Google         googlePart      `json:"google"`
	Diagnostics    diagnosticsPart `json:"diagnostics"`
	// A nested struct: encoding/json decodes every `provider` key (in any folded spelling) into
	// this one value, so duplicates merge member by member.
	Provider providerPart `json:"provider"`
}

// providerPart is OpenRouter's `provider` object, as a Go handler declares it.
type providerPart struct {
	Zdr            field `json:"zdr"`
	DataCollection field `json:"data_collection"`
}

// extraBodyPart is the `extra_body` object of Gemini's OpenAI-compatible bodies.
type extraBodyPart struct {
	Google googlePart `json:"google"`
}

// googlePart is Gemini's `google` object (at the top level or in `extra_body`): its cached
// content, in both spellings the compatibility layer documents, and its grounding tools.
type googlePart struct {
	CachedContent      field `json:"cached_content"`
	CachedContentCamel field `json:"cachedContent"`
	Tools              field `json:"tools"`
}

// diagnosticsPart is Anthropic's `diagnostics` object.
type diagnosticsPart struct {
	PreviousMessageID field `json:"previous_message_id"`
}

// sessionPart is a realtime or live-session body's `session` object, as a Go handler declares it.
type sessionPart struct {
	Store field `json:"store"`
	Tools field `json:"tools"`
}

// toolItem is one item of `tools`; environment is read for its `type`.
type toolItem struct {
	Type           field `json:"type"`
	Model          field `json:"model"`
	Environment    field `json:"environment"`
	AllowedCallers field `json:"allowed_callers"`
}

type environment struct {
	Type field `json:"type"`
}

type inputItem struct {
	Type             field `json:"type"`
	ID               field `json:"id"`
	EncryptedContent field `json:"encrypted_content"`
}

type jsonResult struct {
	Error        *string                      `json:"error"`
	Fields       map[string]json.RawMessage   `json:"fields"`
	InputItems   []map[string]json.RawMessage `json:"input_items"`
	Tools        []map[string]json.RawMessage `json:"tools"`
	Paths        map[string]json.RawMessage   `json:"paths"`
	SessionStore json.RawMessage              `json:"session_store,omitempty"`
	ProviderZdr  json.RawMessage              `json:"provider_zdr,omitempty"`
	ProviderDC   json.RawMessage              `json:"provider_data_collection,omitempty"`
}

// readTools appends the items of a `tools` array (nil for an item that is not an object).
func readTools(raw field, out []map[string]json.RawMessage) []map[string]json.RawMessage {
	if !raw.set || firstByte(raw.raw) != '[' {
		return out
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw.raw, &elems); err != nil {
		return out
	}
	if out == nil {
		out = []map[string]json.RawMessage{}
	}
	for _, e := range elems {
		var t toolItem
		if firstByte(e) != '{' || json.Unmarshal(e, &t) != nil {
			out = append(out, nil)
			continue
		}
		m := map[string]json.RawMessage{}
		put(m, "type", t.Type)
		put(m, "model", t.Model)
		put(m, "allowed_callers", t.AllowedCallers)
		if t.Environment.set {
			var env environment
			if firstByte(t.Environment.raw) == '{' && json.Unmarshal(t.Environment.raw, &env) == nil && env.Type.set {
				m["environment_type"] = normalise(env.Type.raw)
			} else {
				m["environment_type"] = json.RawMessage("null")
			}
		}
		out = append(out, m)
	}
	return out
}

type formResult struct {
	Error      *string  `json:"error"`
	Model      []string `json:"model"`
	ModelFiles []string `json:"model_files"`
	Fields     []string `json:"fields"`
}

type result struct {
	Reader  string      `json:"reader"`
	Version string      `json:"version"`
	Method  string      `json:"method"`
	Path    string      `json:"path"`
	RawPath *string     `json:"raw_path"`
	Host    string      `json:"host"`
	JSON    *jsonResult `json:"json"`
	Form    *formResult `json:"form"`
}

func strp(s string) *string { return &s }

// normalise re-serialises a raw JSON value as the application would see it once decoded:
// strings decoded (invalid UTF-8 becomes U+FFFD), numbers kept as written, whitespace dropped.
// Objects come out with their keys sorted (a Go map), duplicates collapsed (last wins).
func normalise(raw json.RawMessage) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return raw
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return raw
	}
	return json.RawMessage(bytes.TrimRight(buf.Bytes(), "\n"))
}

func put(m map[string]json.RawMessage, name string, f field) {
	if f.set {
		m[name] = normalise(f.raw)
	}
}

func firstByte(raw json.RawMessage) byte {
	t := bytes.TrimLeft(raw, " \t\r\n")
	if len(t) == 0 {
		return 0
	}
	return t[0]
}

func readJSON(body io.Reader) *jsonResult {
	res := &jsonResult{Fields: map[string]json.RawMessage{}, Paths: map[string]json.RawMessage{}}
	var p payload
	// The idiom of most Go handlers (and of gin's ShouldBindJSON): decode the first JSON value
	// of the body; anything after it is not read.
	if err := json.NewDecoder(body).Decode(&p); err != nil {
		res.Error = strp(err.Error())
		return res
	}
	put(res.Fields, "store", p.Store)
	put(res.Fields, "model", p.Model)
	put(res.Fields, "previous_response_id", p.PreviousResponseID)
	put(res.Fields, "conversation", p.Conversation)
	put(res.Fields, "background", p.Background)
	put(res.Fields, "input", p.Input)
	put(res.Fields, "session", p.Session)
	put(res.Fields, "plugins", p.Plugins)
	put(res.Fields, "models", p.Models)
	put(res.Fields, "container", p.Container)
	put(res.Fields, "mcp_servers", p.McpServers)
	put(res.Fields, "fallbacks", p.Fallbacks)
	put(res.Fields, "deferred", p.Deferred)
	put(res.Fields, "search_parameters", p.SearchParameters)
	put(res.Fields, "prompt_cache_retention", p.PromptCacheRetention)
	put(res.Fields, "web_search_options", p.WebSearchOptions)
	put(res.Fields, "cachedContent", p.CachedContent)
	put(res.Fields, "cached_content", p.CachedContentSnake)
	put(res.Paths, "extra_body.google.cached_content", p.ExtraBody.Google.CachedContent)
	put(res.Paths, "extra_body.google.cachedContent", p.ExtraBody.Google.CachedContentCamel)
	put(res.Paths, "extra_body.google.tools", p.ExtraBody.Google.Tools)
	put(res.Paths, "extraBody.google.cached_content", p.ExtraBodyCamel.Google.CachedContent)
	put(res.Paths, "extraBody.google.cachedContent", p.ExtraBodyCamel.Google.CachedContentCamel)
	put(res.Paths, "extraBody.google.tools", p.ExtraBodyCamel.Google.Tools)
	put(res.Paths, "google.cached_content", p.Google.CachedContent)
	put(res.Paths, "google.cachedContent", p.Google.CachedContentCamel)
	put(res.Paths, "google.tools", p.Google.Tools)
	put(res.Paths, "diagnostics.previous_message_id", p.Diagnostics.PreviousMessageID)
	if p.Provider.Zdr.set {
		res.ProviderZdr = normalise(p.Provider.Zdr.raw)
	}
	if p.Provider.DataCollection.set {
		res.ProviderDC = normalise(p.Provider.DataCollection.raw)
	}
	res.Tools = readTools(p.Tools, nil)
	if p.Session.set && firstByte(p.Session.raw) == '{' {
		var sp sessionPart
		if err := json.Unmarshal(p.Session.raw, &sp); err == nil {
			if sp.Store.set {
				res.SessionStore = normalise(sp.Store.raw)
			}
			res.Tools = readTools(sp.Tools, res.Tools)
		}
	}
	if p.Input.set && firstByte(p.Input.raw) == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(p.Input.raw, &elems); err == nil {
			res.InputItems = make([]map[string]json.RawMessage, 0, len(elems))
			for _, e := range elems {
				if firstByte(e) != '{' {
					res.InputItems = append(res.InputItems, nil)
					continue
				}
				var it inputItem
				if err := json.Unmarshal(e, &it); err != nil {
					res.InputItems = append(res.InputItems, nil)
					continue
				}
				m := map[string]json.RawMessage{}
				put(m, "type", it.Type)
				put(m, "id", it.ID)
				put(m, "encrypted_content", it.EncryptedContent)
				res.InputItems = append(res.InputItems, m)
			}
		}
	}
	return res
}

func readForm(r *http.Request) *formResult {
	res := &formResult{Model: []string{}, ModelFiles: []string{}, Fields: []string{}}
	if err := r.ParseMultipartForm(maxBody); err != nil {
		res.Error = strp(err.Error())
		return res
	}
	if r.MultipartForm == nil {
		res.Error = strp("no multipart form")
		return res
	}
	defer r.MultipartForm.RemoveAll()
	if v := r.MultipartForm.Value["model"]; v != nil {
		res.Model = append(res.Model, v...)
	}
	for _, fh := range r.MultipartForm.File["model"] {
		res.ModelFiles = append(res.ModelFiles, fh.Filename)
	}
	// A Go map has no order: the names are sorted.
	for name := range r.MultipartForm.Value {
		res.Fields = append(res.Fields, name)
	}
	sort.Strings(res.Fields)
	return res
}

// isFormRequest tells whether a Go service would read the body as multipart/form-data:
// ParseMultipartForm accepts exactly what mime.ParseMediaType reads as multipart/form-data.
// A content type whose media type says multipart/form-data but whose parameters
// mime.ParseMediaType rejects (a duplicate boundary, say) also counts as a form, one that fails
// to parse, rather than as JSON.
func isFormRequest(ct string) bool {
	if ct == "" {
		return false
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil || mt != "" {
		return mt == "multipart/form-data"
	}
	base := ct
	if i := strings.IndexByte(base, ';'); i >= 0 {
		base = base[:i]
	}
	return strings.ToLower(strings.TrimSpace(base)) == "multipart/form-data"
}

func handle(w http.ResponseWriter, r *http.Request) {
	res := result{
		Reader:  "go",
		Version: runtime.Version(),
		Method:  r.Method,
		Path:    r.URL.Path,
		Host:    r.Host,
	}
	raw := r.RequestURI
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[:i]
	}
	res.RawPath = &raw

	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	func() {
		defer func() {
			if p := recover(); p != nil {
				msg := fmt.Sprintf("reader panicked: %v", p)
				if res.JSON != nil {
					res.JSON = &jsonResult{Error: &msg, Fields: map[string]json.RawMessage{}, Paths: map[string]json.RawMessage{}}
				} else {
					res.Form = &formResult{Error: &msg, Model: []string{}, ModelFiles: []string{}, Fields: []string{}}
				}
			}
		}()
		if isFormRequest(r.Header.Get("Content-Type")) {
			res.Form = &formResult{}
			res.Form = readForm(r)
		} else {
			res.JSON = &jsonResult{}
			res.JSON = readJSON(r.Body)
		}
	}()
	// Drain what is left so the connection can be reused.
	_, _ = io.Copy(io.Discard, r.Body)

	out, err := json.Marshal(map[string]interface{}{"readers": []result{res}})
	if err != nil {
		out = []byte(fmt.Sprintf(`{"readers":[],"error":%q}`, err.Error()))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// watchStdin exits the process when standard input, if it is a pipe, reaches end of file.
func watchStdin() {
	if os.Getenv("READER_IGNORE_STDIN") != "" {
		return
	}
	fi, err := os.Stdin.Stat()
	if err != nil {
		return
	}
	if fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) == 0 {
		return
	}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "reader-go: listen:", err)
		os.Exit(1)
	}
	srv := &http.Server{
		// A bare handler, not a ServeMux: no path cleaning, no redirects.
		Handler:           http.HandlerFunc(handle),
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          nil,
	}
	watchStdin()
	fmt.Printf("LISTENING %d\n", ln.Addr().(*net.TCPAddr).Port)
	_ = os.Stdout.Sync()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "reader-go: serve:", err)
		os.Exit(1)
	}
}
