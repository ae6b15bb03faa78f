// Package httperr is the one mapping from errors to HTTP answers that the
// web pages and the JSON API share: which status and which code an error
// is answered with, and what of it may be shown.
package httperr

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// Codes: stable words a client can branch on. The message beside them is
// for people and may change.
const (
	CodeBadRequest        = "bad_request"
	CodeUnauthorized      = "unauthorized"
	CodeForbidden         = "forbidden"
	CodeNotFound          = "not_found"
	CodeMethodNotAllowed  = "method_not_allowed"
	CodeTooLarge          = "too_large"
	CodeBusy              = "busy"  // too many imports running: try again later
	CodeLimit             = "limit" // a limit of the work stopped it
	CodeProfileIncomplete = "profile_incomplete"
	CodeNoPlan            = "no_plan"
	CodePlanRefused       = "plan_refused"
	CodeCanceled          = "canceled"
	CodeInternal          = "internal"
)

// StatusClientClosed is the status of a request whose client went away
// before the answer (nginx's 499): nothing is sent, nobody would read it.
const StatusClientClosed = 499

// Error is an error answered as it is: its status, its code, and a
// message for people.
type Error struct {
	Status  int
	Code    string
	Message string
	// Details is more for a program to act on, such as a refused plan's
	// proposal; nil for most errors.
	Details any
}

func (e *Error) Error() string { return e.Message }

// New is an Error of status and code with a formatted message.
func New(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// BadRequest is a 400 bad_request: a mistake in what was typed or sent.
func BadRequest(format string, args ...any) *Error {
	return New(http.StatusBadRequest, CodeBadRequest, format, args...)
}

// ErrNoAccess is the answer to a user acting for an athlete who has not
// granted them access.
var ErrNoAccess = New(http.StatusForbidden, CodeForbidden, "You have no access to this athlete's training.")

// ErrNotOwnFeed is the answer to a coach making or revoking an athlete's
// calendar feed: its address would outlive the coach's access.
var ErrNotOwnFeed = New(http.StatusForbidden, CodeForbidden,
	"Only the athlete can make or revoke their calendar feed: its address would outlive a coach's access.")

// ErrNotOwnMap is the answer to a coach changing an athlete's map
// settings: their privacy zones hide where they live from the coach too.
var ErrNotOwnMap = New(http.StatusForbidden, CodeForbidden,
	"Only the athlete can change their map settings: their privacy zones hide the start and end of their routes from coaches too.")

// Of is the answer to err:
//   - an *Error as it is;
//   - a runner's mistake (activity.InputError, plan.ErrInvalid): 400 bad_request;
//   - a plan the rules refuse: 422 plan_refused, the refusal as details;
//   - a store miss: 404 not_found; no plan yet: 404 no_plan;
//   - a request its client gave up: StatusClientClosed;
//   - anything else: 500 internal, which the caller logs.
//
// Message is empty where err has nothing fit to show (a store miss, a
// fault on the server, whose text may name files or queries): the page
// or the API words those in its own voice.
func Of(err error) *Error {
	var (
		e       *Error
		in      *activity.InputError
		refusal *plan.Refusal
	)
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &in):
		return BadRequest("%v", in)
	case errors.As(err, &refusal):
		return &Error{Status: http.StatusUnprocessableEntity, Code: CodePlanRefused, Message: refusal.Error(), Details: refusal}
	case errors.Is(err, plan.ErrInvalid):
		return BadRequest("%v", err)
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: CodeNotFound}
	case errors.Is(err, training.ErrNoPlan):
		return New(http.StatusNotFound, CodeNoPlan, "%v", training.ErrNoPlan)
	case errors.Is(err, context.Canceled):
		return &Error{Status: StatusClientClosed, Code: CodeCanceled}
	default:
		return &Error{Status: http.StatusInternalServerError, Code: CodeInternal}
	}
}
