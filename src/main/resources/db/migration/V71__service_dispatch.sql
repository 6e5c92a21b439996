-- The service desk's automatic dispatch (智能派单): ordered rules choosing a team for a new ticket, each team's way of
-- choosing an agent (round robin or least loaded, a default cap of open tickets per agent, a business calendar), each
-- agent's duty, cap and skills, the queue of tickets waiting for capacity, and every assignment of a ticket.

-- Rules, tried in order; the first whose condition matches the ticket's customer (and the ticket, through the
-- ticket.* condition fields) sends the ticket to its team. Few rows: admin-edited.
create table dispatch_rules (
    id          bigint      generated always as identity primary key,
    position    int         not null,
    name        text        not null check (length(name) between 1 and 100),
    condition   jsonb       not null,
    team_id     bigint      not null references teams (id) on delete cascade,
    -- try the customer's owner first (an agent on duty with capacity), e.g. for a VIP segment
    owner_first boolean     not null default false,
    -- a language the agent must speak (a skill), or null
    language    text        check (language is null or length(language) between 2 and 10),
    active      boolean     not null default true,
    updated_at  timestamptz not null
);

-- How a team shares its tickets. A team without a row does not dispatch (its tickets wait for a person to assign them).
create table dispatch_teams (
    team_id       bigint      primary key references teams (id) on delete cascade,
    auto_assign   boolean     not null default true,
    strategy      text        not null default 'ROUND_ROBIN' check (strategy in ('ROUND_ROBIN', 'LEAST_LOADED')),
    default_cap   int         not null default 10 check (default_cap between 0 and 1000),
    -- agents take tickets only in this calendar's working hours (null: at any time)
    calendar_id   bigint      references business_calendars (id) on delete set null,
    -- the agent round robin gave the last ticket to
    last_agent_id bigint,
    updated_at    timestamptz not null
);

-- An agent's duty, own cap (null: the team's) and skills (no categories listed: every category).
create table dispatch_agents (
    user_id          bigint      primary key references users (id) on delete cascade,
    on_duty          boolean     not null default false,
    cap              int         check (cap between 0 and 1000),
    categories       bigint[]    not null default '{}',
    languages        text[]      not null default '{}',
    last_assigned_at timestamptz,
    updated_at       timestamptz not null
);

-- Tickets waiting for an agent with capacity, oldest first (queued_at: when the ticket was opened).
create table dispatch_queue (
    customer_id bigint      not null,
    ticket_id   bigint      not null,
    team_id     bigint      not null references teams (id) on delete cascade,
    rule_id     bigint,
    language    text,
    queued_at   timestamptz not null,
    primary key (customer_id, ticket_id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index dispatch_queue_team on dispatch_queue (team_id, queued_at, ticket_id);
select scope_by_customer('dispatch_queue');

-- Every assignment of a ticket: by a rule (and how the agent was chosen), to the customer's owner, or by a person.
create table ticket_assignments (
    customer_id      bigint      not null,
    id               bigint      generated always as identity,
    ticket_id        bigint      not null,
    from_assignee_id bigint      references users (id) on delete set null,
    assignee_id      bigint      references users (id) on delete set null,
    team_id          bigint      references teams (id) on delete set null,
    rule_id          bigint      references dispatch_rules (id) on delete set null,
    kind             text        not null check (kind in ('RULE', 'OWNER_FIRST', 'QUEUE', 'MANUAL')),
    strategy         text        check (strategy in ('ROUND_ROBIN', 'LEAST_LOADED')),
    actor            text        not null,
    at               timestamptz not null,
    primary key (customer_id, id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index ticket_assignments_ticket on ticket_assignments (customer_id, ticket_id, at);
select scope_by_customer('ticket_assignments');
