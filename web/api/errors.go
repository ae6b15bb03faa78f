package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// Error codes: stable words a client can branch on. The message beside
// them is for people and may change.
const (
	codeBadRequest        = "bad_request"
	codeUnauthorized      = "unauthorized"
	codeForbidden         = "forbidden"
	codeNotFound          = "not_found"
	codeMethodNotAllowed  = "method_not_allowed"
	codeTooLarge          = "too_large"
	codeBusy              = "busy"
	codeLimit             = "limit"
	codeProfileIncomplete = "profile_incomplete"
	codeNoPlan            = "no_plan"
	codePlanRefused       = "plan_refused"
	codeInternal          = "internal"
)

// apiError is an error the client is told about as it is.
type apiError struct {
	status  int
	code    string
	message string
	// details is more for a program to act on, such as a refused plan's
	// proposal; nil for most errors.
	details any
}

func (e *apiError) Error() string { return e.message }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// badRequest is a 400 bad_request.
func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, codeBadRequest, format, args...)
}

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

// writeError answers err as JSON. An apiError is told as it is, a store
// miss as not_found with what was asked for, a missing plan as no_plan
// with how to make one; anything else is logged and answered 500 without
// its text, which may name files or queries.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var (
		ae *apiError
		in *activity.InputError
	)
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &in):
		ae = badRequest("%v", in)
	case errors.Is(err, store.ErrNotFound):
		ae = errorf(http.StatusNotFound, codeNotFound, "%s not found", r.URL.Path)
	case errors.Is(err, training.ErrNoPlan):
		ae = errorf(http.StatusNotFound, codeNoPlan, "%v", training.ErrNoPlan)
	default:
		slog.Error("api: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = errorf(http.StatusInternalServerError, codeInternal, "something went wrong on the server; it has been logged")
	}
	writeJSON(w, ae.status, errorBody{errorDetail{Code: ae.code, Message: ae.message, Details: ae.details}})
}

// Refuse answers a request that may not go on, in the API's error shape:
// 401 unauthorized when nobody signed in, 403 forbidden when the one who
// did may not do this. The web server's sign-in check refuses API
// requests with it.
func Refuse(w http.ResponseWriter, r *http.Request, status int, message string) {
	code := codeUnauthorized
	if status == http.StatusForbidden {
		code = codeForbidden
	}
	writeError(w, r, errorf(status, code, "%s", message))
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
			return errorf(http.StatusRequestEntityTooLarge, codeTooLarge, "the JSON body is larger than the limit of %d bytes", tooLarge.Limit)
		}
		return badRequest("bad JSON body: %v", err)
	}
	if dec.More() {
		return badRequest("bad JSON body: want one object")
	}
	return nil
}
