-- The schema of store/sqlite's migrations 1 to 3, in PostgreSQL's types.
--
-- Every table starts its key with athlete_id, and every foreign key
-- between athletes' data includes it, so that a distributed PostgreSQL
-- (Citus, say) can shard all of them by athlete and keep each athlete's
-- rows, and every query's joins, on one node.

-- +goose Up
CREATE TABLE athletes (
    id         bigint      PRIMARY KEY,
    name       text        NOT NULL DEFAULT '',
    profile    jsonb,                             -- activity.Athlete; NULL until saved
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The single-user default, store.DefaultAthlete.
INSERT INTO athletes (id) VALUES (1);

CREATE TABLE files (
    athlete_id  bigint      NOT NULL REFERENCES athletes (id),
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    sha256      text        NOT NULL,
    name        text        NOT NULL,
    format      text        NOT NULL,
    size_bytes  bigint      NOT NULL,             -- of the original
    original    bytea       NOT NULL,             -- store.PackOriginal
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (athlete_id, id),
    UNIQUE (athlete_id, sha256)
);

CREATE TABLE activities (
    athlete_id       bigint           NOT NULL REFERENCES athletes (id),
    id               bigint           GENERATED ALWAYS AS IDENTITY,
    file_id          bigint,                      -- the primary recording; NULL for manual runs
    session_index    integer          NOT NULL,   -- which activity of that file
    sport            text             NOT NULL,
    sub_sport        text             NOT NULL,
    name             text             NOT NULL,
    start_at         timestamptz      NOT NULL,   -- whole seconds
    local_offset_s   integer          NOT NULL,
    has_local_offset boolean          NOT NULL,
    elapsed_s        double precision NOT NULL,
    moving_s         double precision NOT NULL,
    distance_m       double precision NOT NULL,
    avg_hr           double precision NOT NULL,
    max_hr           double precision NOT NULL,
    ascent_m         double precision NOT NULL,
    rpe              integer          NOT NULL,
    notes            text             NOT NULL,
    device_maker     text             NOT NULL,
    device_product   text             NOT NULL,
    device_serial    text             NOT NULL,
    source_format    text             NOT NULL,
    richness         integer          NOT NULL,   -- activity.Richness of the primary recording
    sample_count     integer          NOT NULL,   -- seconds on the streams grid
    flags            jsonb            NOT NULL,
    laps             jsonb            NOT NULL,   -- store.EncodeLaps
    streams          bytea            NOT NULL,   -- store.EncodeStreams
    imported_at      timestamptz      NOT NULL,
    PRIMARY KEY (athlete_id, id),
    FOREIGN KEY (athlete_id, file_id) REFERENCES files (athlete_id, id)
);

CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at);

-- Every file a session was seen in, the primary one included.
CREATE TABLE activity_sources (
    athlete_id    bigint  NOT NULL,
    activity_id   bigint  NOT NULL,
    file_id       bigint  NOT NULL,
    session_index integer NOT NULL,
    is_primary    boolean NOT NULL,
    PRIMARY KEY (athlete_id, activity_id, file_id, session_index),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE,
    FOREIGN KEY (athlete_id, file_id) REFERENCES files (athlete_id, id)
);

CREATE INDEX activity_sources_file ON activity_sources (athlete_id, file_id);

-- The analysis of each activity. The foreign key is what keeps an
-- athlete from saving an analysis of another's activity.
CREATE TABLE analyses (
    athlete_id  bigint           NOT NULL,
    activity_id bigint           NOT NULL,
    version     integer          NOT NULL,        -- analysis.Version that wrote it
    class       text             NOT NULL,
    hard        boolean          NOT NULL,
    load        double precision NOT NULL,
    load_method text             NOT NULL,
    duration_s  integer          NOT NULL,        -- the duration judged
    result      jsonb            NOT NULL,        -- analysis.Result
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

-- The recovery audit's verdicts, replaced together for an athlete; id
-- keeps the order they were saved in. An activity can carry two.
CREATE TABLE verdicts (
    athlete_id  bigint NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    activity_id bigint NOT NULL,
    verdict     jsonb  NOT NULL,                  -- recovery.Verdict
    PRIMARY KEY (athlete_id, id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

CREATE INDEX verdicts_activity ON verdicts (athlete_id, activity_id);

-- +goose Down
DROP TABLE verdicts;
DROP TABLE analyses;
DROP TABLE activity_sources;
DROP TABLE activities;
DROP TABLE files;
DROP TABLE athletes;
