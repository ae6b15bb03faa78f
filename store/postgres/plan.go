package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// Plan returns the athlete's plan as last saved; store.ErrNotFound when
// there is none.
func (db *DB) Plan(ctx context.Context, athlete store.AthleteID) (*plan.Plan, error) {
	var body []byte
	err := db.pool.QueryRow(ctx, `SELECT plan FROM plans WHERE athlete_id = $1`, athlete).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, err)
	}
	var p plan.Plan
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %v: %w", athlete, err, store.ErrCorrupt)
	}
	return &p, nil
}

// SavePlan replaces the athlete's plan. An athlete that does not exist
// gives store.ErrNotFound.
func (db *DB) SavePlan(ctx context.Context, athlete store.AthleteID, p *plan.Plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	// Selecting the athlete makes a missing one insert nothing.
	tag, err := db.pool.Exec(ctx, `INSERT INTO plans (athlete_id, saved_at, plan)
		SELECT id, now(), $1 FROM athletes WHERE id = $2
		ON CONFLICT (athlete_id) DO UPDATE SET saved_at = excluded.saved_at, plan = excluded.plan`, body, athlete)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	return nil
}
