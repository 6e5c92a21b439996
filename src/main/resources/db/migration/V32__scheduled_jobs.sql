-- Scheduled jobs run once per schedule in a cluster: db-scheduler keeps one row per job here, picked by one instance
-- at a time, with a heartbeat so another instance revives a run whose instance died (db-scheduler's PostgreSQL DDL).
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Every run of a scheduled job, for the admin page and metrics: which instance ran it, how long, and how it ended.
-- A run still RUNNING when the next one of its job starts was on an instance that died: it is marked INTERRUPTED.
create table scheduled_job_runs (
    id            bigint generated always as identity primary key,
    job           text not null,
    scheduled_for timestamptz not null,
    instance      text not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    duration_ms   bigint,
    outcome       text not null default 'RUNNING'
        check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED')),
    error         text
);
create index scheduled_job_runs_job on scheduled_job_runs (job, started_at desc);
