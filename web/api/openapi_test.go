package api

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// doc is the OpenAPI document, decoded once; docErr fails
// TestOpenAPIRoutes when it is not JSON.
var doc, docErr = func() (map[string]any, error) {
	var d map[string]any
	err := json.Unmarshal(openAPIDoc, &d)
	return d, err
}()

// object returns v[key] as an object, nil when it is not one.
func object(v any, key string) map[string]any {
	m, _ := v.(map[string]any)
	o, _ := m[key].(map[string]any)
	return o
}

// list returns v[key] as a list, nil when it is not one.
func list(v map[string]any, key string) []any {
	l, _ := v[key].([]any)
	return l
}

// resolve follows a $ref within the document.
func resolve(v map[string]any) map[string]any {
	for v != nil {
		ref, ok := v["$ref"].(string)
		if !ok {
			return v
		}
		var next any = doc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			next = object(next, part)
		}
		v, _ = next.(map[string]any)
	}
	return v
}

// TestOpenAPIRoutes: every route is documented with its method, and
// every documented operation is a route.
func TestOpenAPIRoutes(t *testing.T) {
	t.Parallel()
	if docErr != nil {
		t.Fatalf("openapi.json: %v", docErr)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi %q, want a 3.x document", v)
	}
	served := map[string]bool{}
	for _, rt := range routes {
		served[strings.ToLower(rt.method)+" "+rt.path] = true
		if object(object(doc, "paths"), rt.path)[strings.ToLower(rt.method)] == nil {
			t.Errorf("%s %s is served but not documented", rt.method, rt.path)
		}
	}
	for path := range object(doc, "paths") {
		item := object(object(doc, "paths"), path)
		for method := range item {
			if !served[method+" "+path] {
				t.Errorf("%s %s is documented but not served", strings.ToUpper(method), path)
			}
		}
	}
}

// TestOpenAPIServed: the document is served as it is embedded.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	r := call(t, h, "GET", "/api/v1/openapi.json", nil)
	wantStatus(t, r, http.StatusOK, "")
	if string(r.body) != string(openAPIDoc) {
		t.Errorf("served document differs from openapi.json")
	}
}

// checkDocumented fails t unless res is a documented answer of the route
// req went to, in a documented media type, and its JSON holds every field
// the schema requires.
func checkDocumented(t testing.TB, req *http.Request, res response) {
	t.Helper()
	method, path, ok := strings.Cut(req.Pattern, " ")
	if !ok || path == Prefix {
		// The fallbacks for a wrong method or an unknown path answer errors.
		if res.status < 400 {
			t.Errorf("%s %s: status %d from fallback %q", req.Method, req.URL, res.status, req.Pattern)
		}
		method, path = "", ""
	}
	// The answer's media type, without parameters such as charset.
	media, _, _ := mime.ParseMediaType(res.header.Get("Content-Type"))
	schema := resolve(object(object(object(doc, "components"), "schemas"), "Error"))
	if path == "" && media != "application/json" {
		t.Errorf("%s %s: Content-Type %q, want application/json", req.Method, req.URL, res.header.Get("Content-Type"))
		return
	}
	if path != "" {
		op := object(object(object(doc, "paths"), path), strings.ToLower(method))
		responses := object(op, "responses")
		resp := object(responses, strconv.Itoa(res.status))
		if resp == nil && res.status >= 400 {
			resp = object(responses, "default")
		}
		if resp == nil {
			t.Errorf("%s %s: status %d is not documented", method, path, res.status)
			return
		}
		content := object(resolve(resp), "content")
		// A response documented without content answers no body (204).
		if content == nil && len(res.body) == 0 && res.header.Get("Content-Type") == "" {
			return
		}
		if content[media] == nil {
			t.Errorf("%s %s: status %d with Content-Type %q is not documented", method, path, res.status, res.header.Get("Content-Type"))
			return
		}
		if media != "application/json" {
			return // a file: its test checks what is in it
		}
		schema = resolve(object(object(content, media), "schema"))
	}
	if schema == nil {
		t.Errorf("%s %s: status %d has no JSON schema", method, path, res.status)
		return
	}
	var body any
	if err := json.Unmarshal(res.body, &body); err != nil {
		t.Errorf("%s %s: body is not JSON: %v", req.Method, req.URL, err)
		return
	}
	for _, miss := range missing(schema, body, "") {
		t.Errorf("%s %s (status %d): %s is required by the OpenAPI schema but missing", req.Method, req.URL, res.status, miss)
	}
}

// missing lists the fields schema requires that v lacks, at any depth,
// and values outside an enum.
func missing(schema map[string]any, v any, at string) []string {
	schema = resolve(schema)
	if schema == nil || v == nil {
		return nil
	}
	var out []string
	for _, sub := range list(schema, "allOf") {
		sub, _ := sub.(map[string]any)
		out = append(out, missing(sub, v, at)...)
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		out = append(out, fmt.Sprintf("%s (value %v outside the enum)", at, v))
	}
	switch v := v.(type) {
	case map[string]any:
		for _, name := range list(schema, "required") {
			if _, ok := v[fmt.Sprint(name)]; !ok {
				out = append(out, at+"."+fmt.Sprint(name))
			}
		}
		for name := range object(schema, "properties") {
			out = append(out, missing(object(object(schema, "properties"), name), v[name], at+"."+name)...)
		}
	case []any:
		for i, item := range v {
			out = append(out, missing(object(schema, "items"), item, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return out
}
