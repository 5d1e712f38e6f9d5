-- SPDX-License-Identifier: GPL-3.0-or-later
-- The job engine's executions (db-scheduler 16.7.1): one row per scheduled or running execution of a
-- job. The application's job table stays the record users see; task_instance is the job id (with a
-- suffix after a retry), task_name the execution class (segsurv-job, segsurv-gpu-job).
-- Column types work on PostgreSQL and H2 (task name and instance are varchar, not text, so that H2
-- can use them in the primary key).
create table scheduled_tasks (
    task_name               varchar(100) not null,
    task_instance           varchar(200) not null,
    task_data               bytea,
    execution_time          timestamp with time zone not null,
    picked                  boolean      not null,
    picked_by               varchar(128),
    last_success            timestamp with time zone,
    last_failure            timestamp with time zone,
    consecutive_failures    integer,
    last_heartbeat          timestamp with time zone,
    version                 bigint       not null,
    priority                smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);
