package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/web/httperr"
)

// errorBody is the JSON of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Details is there for codes that have them: plan_refused's refusal.
	Details any `json:"details,omitempty"`
}

// writeError answers err as JSON, with the status and code httperr.Of
// maps it to. A store miss is worded with what was asked for; a fault on
// the server is logged and answered without its text, which may name files
// or queries; a client that went away is not answered.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := httperr.Of(err)
	switch e.Status {
	case httperr.StatusClientClosed:
		return
	case http.StatusInternalServerError:
		slog.Error("api: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		e = &httperr.Error{Status: e.Status, Code: e.Code, Message: "something went wrong on the server; it has been logged"}
	}
	if e.Message == "" {
		e = &httperr.Error{Status: e.Status, Code: e.Code, Message: r.URL.Path + " not found"}
	}
	details := e.Details
	if r, ok := details.(*plan.Refusal); ok {
		details = refusalOf(r) // in the API's own types, durations in seconds
	}
	writeJSON(w, e.Status, errorBody{errorDetail{Code: e.Code, Message: e.Message, Details: details}})
}

// Refuse answers a request that may not go on, in the API's error shape:
// 401 unauthorized when nobody signed in, 403 forbidden when the one who
// did may not do this. The web server's sign-in check refuses API
// requests with it.
func Refuse(w http.ResponseWriter, r *http.Request, status int, message string) {
	code := httperr.CodeUnauthorized
	if status == http.StatusForbidden {
		code = httperr.CodeForbidden
	}
	writeError(w, r, httperr.New(status, code, "%s", message))
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		// The status is sent; all that is left is to say why the body stops.
		slog.Error("api: write response", "err", err)
	}
}

// maxJSONBytes bounds a JSON request body: the largest is a profile.
const maxJSONBytes = 64 << 10

// readJSON decodes the request's body into v, refusing unknown fields and
// trailing data so that a misspelt field is not silently ignored.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return httperr.New(http.StatusRequestEntityTooLarge, httperr.CodeTooLarge, "the JSON body is larger than the limit of %d bytes", tooLarge.Limit)
		}
		return httperr.BadRequest("bad JSON body: %v", err)
	}
	if dec.More() {
		return httperr.BadRequest("bad JSON body: want one object")
	}
	return nil
}
