-- The service desk's core: tickets of customers, their threads (public replies and internal notes), attachments,
-- status history, categories, canned replies and the desk's settings. Later parts of the desk (SLAs, dispatch, mail,
-- the web form, the portal, satisfaction surveys, recurring-problem alerts) add tables and columns of their own next to
-- these; the channel and status lists are closed sets checked here and in the code (TicketChannel, TicketStatus).

-- The desk's settings: one row.
create table service_settings (
    id                   int         primary key default 1 check (id = 1),
    -- a customer's reply within this many days of the solve reopens the ticket; after it, a new ticket starts
    reopen_days          int         not null default 7 check (reopen_days between 0 and 365),
    -- attachments larger than this are refused (mail and the portal keep to it too)
    attachment_max_bytes int         not null default 10485760 check (attachment_max_bytes between 1024 and 104857600),
    -- the team a ticket goes to when nothing else names one (its queue is what the team's agents see unassigned)
    default_team_id      bigint      references teams (id) on delete set null,
    updated_at           timestamptz not null default now()
);
insert into service_settings (id) values (1);

-- Categories, admin-editable, in both languages; a category in use is deactivated rather than deleted.
create table ticket_categories (
    id         bigint      generated always as identity primary key,
    name_zh    text        not null unique check (length(name_zh) between 1 and 60),
    name_en    text        not null check (length(name_en) between 1 and 60),
    position   int         not null default 0,
    active     boolean     not null default true,
    created_at timestamptz not null default now()
);

-- Ticket numbers as people quote them ("#10023"), unique across the company; mail threading finds tickets by them.
create sequence ticket_numbers start with 10001;

create table tickets (
    customer_id       bigint      not null references customers (id),
    id                bigint      generated always as identity,
    number            bigint      not null default nextval('ticket_numbers'),
    subject           text        not null check (length(subject) between 1 and 300),
    channel           text        not null check (channel in ('EMAIL', 'WEB_FORM', 'PORTAL', 'API', 'PHONE', 'AGENT')),
    category_id       bigint      references ticket_categories (id),
    priority          text        not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    status            text        not null check (status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD', 'SOLVED', 'CLOSED')),
    assignee_id       bigint      references users (id),
    team_id           bigint      references teams (id) on delete set null,
    order_id          bigint,
    product_sku       text,
    tags              text[]      not null default '{}',
    reopen_count      int         not null default 0,
    merged_into       bigint,
    created_by        text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    first_response_at timestamptz,
    solved_at         timestamptz,
    closed_at         timestamptz,
    version           int         not null default 0,
    primary key (customer_id, id),
    unique (customer_id, number)
);
create index tickets_id on tickets (id);
create index tickets_number on tickets (number);
create index tickets_customer_created on tickets (customer_id, created_at desc);
create index tickets_open_assignee on tickets (assignee_id) where status not in ('SOLVED', 'CLOSED');
create index tickets_open_team on tickets (team_id) where assignee_id is null and status not in ('SOLVED', 'CLOSED');
create index tickets_created on tickets (created_at desc);
select scope_by_customer('tickets');

-- The thread: what the customer wrote, the agents' public replies and internal notes, and the system's lines.
-- message_id is the mail channel's Message-ID, for threading and skipping a message delivered twice.
create table ticket_messages (
    customer_id    bigint      not null,
    id             bigint      generated always as identity,
    ticket_id      bigint      not null,
    author_kind    text        not null check (author_kind in ('CUSTOMER', 'AGENT', 'SYSTEM')),
    author_user_id bigint      references users (id),
    author_name    text        not null,
    visibility     text        not null check (visibility in ('PUBLIC', 'INTERNAL')),
    body           text        not null check (length(body) between 1 and 20000),
    message_id     text,
    created_at     timestamptz not null,
    primary key (customer_id, id),
    unique (customer_id, ticket_id, message_id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index ticket_messages_thread on ticket_messages (customer_id, ticket_id, created_at);
select scope_by_customer('ticket_messages');

-- Files kept with a message, in the database (they go with its backups and its transactions), capped by the setting.
create table ticket_attachments (
    customer_id  bigint      not null,
    id           bigint      generated always as identity,
    ticket_id    bigint      not null,
    message_id   bigint,
    file_name    text        not null check (length(file_name) between 1 and 255),
    content_type text        not null,
    size_bytes   int         not null check (size_bytes >= 0),
    content      bytea       not null,
    created_at   timestamptz not null,
    primary key (customer_id, id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index ticket_attachments_ticket on ticket_attachments (customer_id, ticket_id);
select scope_by_customer('ticket_attachments');

-- Every status a ticket went through, with who moved it (reopens and merges included).
create table ticket_status_changes (
    customer_id bigint      not null,
    id          bigint      generated always as identity,
    ticket_id   bigint      not null,
    from_status text,
    to_status   text        not null,
    reason      text        not null check (reason in ('CREATED', 'CHANGED', 'REOPENED', 'MERGED', 'CUSTOMER_REPLIED', 'AGENT_REPLIED')),
    actor       text        not null,
    at          timestamptz not null,
    primary key (customer_id, id),
    foreign key (customer_id, ticket_id) references tickets (customer_id, id) on delete cascade on update cascade
);
create index ticket_status_changes_ticket on ticket_status_changes (customer_id, ticket_id, at);
create index ticket_status_changes_at on ticket_status_changes (at);
select scope_by_customer('ticket_status_changes');

-- An API create's Idempotency-Key and the ticket it made, so a retried request answers the same ticket.
create table ticket_keys (
    idempotency_key text        primary key check (length(idempotency_key) between 1 and 200),
    customer_id     bigint      not null,
    ticket_id       bigint      not null,
    created_at      timestamptz not null
);
select scope_by_customer('ticket_keys');

-- Canned replies, admin-editable, with placeholders ({{customer.name}}, {{ticket.number}}, {{agent.name}}).
create table canned_replies (
    id         bigint      generated always as identity primary key,
    title      text        not null unique check (length(title) between 1 and 100),
    body       text        not null check (length(body) between 1 and 5000),
    active     boolean     not null default true,
    updated_at timestamptz not null default now()
);

-- Tickets as other modules read them (conditions, churn features): a security invoker view like every other.
create view service_tickets_view with (security_invoker = true) as
select customer_id, id, number, channel, category_id, priority, status, assignee_id, reopen_count,
       created_at, first_response_at, solved_at, closed_at
from tickets where merged_into is null;

-- Data scope: a viewer also sees the customers of open tickets assigned to one of their scope's owners, and of open
-- unassigned tickets waiting in a team one of them belongs to. Tickets are themselves scoped through customers, so the
-- policy reads them through a security definer function (as the table's owner, past row-level security) instead of
-- through a policy that would call itself.
create function service_open_ticket_customers(p_owners bigint[]) returns bigint[]
    language sql stable security definer set search_path from current as $$
    select coalesce(array_agg(distinct t.customer_id), '{}')
    from tickets t
    where t.status not in ('SOLVED', 'CLOSED') and t.merged_into is null
      and (t.assignee_id = any (p_owners)
           or (t.assignee_id is null
               and t.team_id in (select m.team_id from team_members m where m.user_id = any (p_owners))))
$$;

alter policy within_scope on customers
    using (owner_id = any ((select current_setting('retain.scope_owners')::bigint[])::bigint[])
           or (owner_id is null and pool_id = any ((select current_setting('retain.scope_pools')::bigint[])::bigint[]))
           or id = any ((select service_open_ticket_customers(current_setting('retain.scope_owners')::bigint[]))::bigint[]))
    with check (true);

-- Which tickets a customer merge moved to the survivor (their messages, files and history follow by cascade), so an
-- unmerge takes them back.
create table ticket_merge_moves (
    merge_id  bigint not null,
    ticket_id bigint not null,
    primary key (merge_id, ticket_id)
);

-- When customers reopened solved tickets by replying, for churn features (security invoker, like every view).
create view service_ticket_reopens_view with (security_invoker = true) as
select customer_id, ticket_id, at from ticket_status_changes where reason = 'REOPENED';
