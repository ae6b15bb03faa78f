package httperr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

func TestOf(t *testing.T) {
	t.Parallel()
	refusal := &plan.Refusal{Reason: "two hard days in a row"}
	tests := []struct {
		name    string
		err     error
		status  int
		code    string
		message string
	}{
		{"an Error as it is", New(http.StatusRequestEntityTooLarge, CodeTooLarge, "too big"), 413, CodeTooLarge, "too big"},
		{"a wrapped Error", fmt.Errorf("upload: %w", BadRequest("no files")), 400, CodeBadRequest, "no files"},
		{"no access", fmt.Errorf("athlete 7: %w", ErrNoAccess), 403, CodeForbidden, "You have no access to this athlete's training."},
		{"a runner's mistake", fmt.Errorf("save: %w", &activity.InputError{Field: "max HR", Msg: "must be 100 to 240"}), 400, CodeBadRequest, "max HR must be 100 to 240"},
		{"an invalid plan request", fmt.Errorf("%w: weeks must be 1 to 52", plan.ErrInvalid), 400, CodeBadRequest, "invalid plan request: weeks must be 1 to 52"},
		{"a refused plan", fmt.Errorf("make plan: %w", refusal), 422, CodePlanRefused, refusal.Error()},
		{"a store miss", fmt.Errorf("activity 5: %w", store.ErrNotFound), 404, CodeNotFound, ""},
		{"no plan yet", fmt.Errorf("load: %w", training.ErrNoPlan), 404, CodeNoPlan, training.ErrNoPlan.Error()},
		{"a client gone", fmt.Errorf("query: %w", context.Canceled), StatusClientClosed, CodeCanceled, ""},
		{"a fault keeps its text to the log", errors.New("open /var/lib/easyrun.db: permission denied"), 500, CodeInternal, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := Of(tc.err)
			if e.Status != tc.status || e.Code != tc.code || e.Message != tc.message {
				t.Errorf("Of(%v) = %d %s %q, want %d %s %q", tc.err, e.Status, e.Code, e.Message, tc.status, tc.code, tc.message)
			}
		})
	}
	if e := Of(refusal); e.Details != refusal {
		t.Errorf("a refusal's details = %v, want the refusal", e.Details)
	}
}
