-- Service SLAs: policies (a small settings table) and the timers of each ticket (customer-keyed).

-- Ordered policies; the first active one whose criteria match a new ticket is its policy. Empty arrays match anything;
-- customer_condition is a condition of the segments' language over the customer (tier, segments, ...), null for any.
-- Targets are business minutes on the calendar (null: the standard calendar); a null target is not measured.
create table sla_policies (
    id                     bigint      generated always as identity primary key,
    position               int         not null,
    name                   text        not null unique check (length(name) between 1 and 100),
    priorities             text[]      not null default '{}',
    category_ids           bigint[]    not null default '{}',
    channels               text[]      not null default '{}',
    customer_condition     jsonb,
    calendar_id            bigint      references business_calendars (id),
    first_response_minutes int         check (first_response_minutes > 0),
    next_response_minutes  int         check (next_response_minutes > 0),
    resolution_minutes     int         check (resolution_minutes > 0),
    pause_when_pending     boolean     not null default true,
    pause_when_on_hold     boolean     not null default true,
    warn_percent           int         not null default 80 check (warn_percent between 1 and 99),
    active                 boolean     not null default true,
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);

-- One timer per ticket, target and cycle (next response counts a cycle per customer message; the others have cycle 0).
-- A running timer has running_since and due_at; used_seconds is the business time banked by earlier running stretches
-- (before a pause), so due_at = the calendar's running_since + (budget - used). warn_at is when warn_percent of the
-- budget is used. Stopped timers keep their outcome (MET or BREACHED) and the business minutes used.
-- warned_at / escalated_at mark that the warning / breach was released for notification (in working hours, once).
create table ticket_sla_timers (
    customer_id    bigint      not null,
    ticket_id      bigint      not null,
    target         text        not null check (target in ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION')),
    cycle          int         not null default 0,
    policy_id      bigint      references sla_policies (id) on delete set null,
    calendar_id    bigint      not null references business_calendars (id),
    budget_minutes int         not null check (budget_minutes > 0),
    warn_percent   int         not null,
    state          text        not null check (state in ('RUNNING', 'PAUSED', 'MET', 'BREACHED')),
    started_at     timestamptz not null,
    used_seconds   bigint      not null default 0,
    running_since  timestamptz,
    due_at         timestamptz,
    warn_at        timestamptz,
    breached_at    timestamptz,
    stopped_at     timestamptz,
    used_minutes   int,
    warned_at      timestamptz,
    escalated_at   timestamptz,
    primary key (customer_id, ticket_id, target, cycle),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index ticket_sla_timers_ticket on ticket_sla_timers (ticket_id);
create index ticket_sla_timers_running on ticket_sla_timers (due_at) where state = 'RUNNING';
create index ticket_sla_timers_calendar on ticket_sla_timers (calendar_id) where state in ('RUNNING', 'PAUSED');
create index ticket_sla_timers_stopped on ticket_sla_timers (stopped_at) where state in ('MET', 'BREACHED');
select scope_by_customer('ticket_sla_timers');

-- The policy a ticket got when it opened (kept even if the policy is changed or removed later): its calendar, what
-- pauses its timers and the next-response target that starts a timer on each customer message.
create table ticket_slas (
    customer_id           bigint      not null,
    ticket_id             bigint      not null,
    policy_id             bigint      references sla_policies (id) on delete set null,
    policy_name           text        not null,
    calendar_id           bigint      not null references business_calendars (id),
    pause_statuses        text[]      not null default '{}',
    next_response_minutes int,
    warn_percent          int         not null,
    created_at            timestamptz not null,
    primary key (customer_id, ticket_id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
select scope_by_customer('ticket_slas');
