-- Business calendars (工作日历): settings kept once in platform for pool rules, SLAs and notification hours.
-- Small tables, not customer-keyed.

create table business_calendars (
    id         bigserial primary key,
    name       text        not null unique,
    time_zone  text        not null,
    is_default boolean     not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- at most one default calendar, so two instances starting at once cannot both create it
create unique index business_calendars_one_default on business_calendars (is_default) where is_default;

-- working periods per ISO weekday (1 = Monday); a break is the gap between two periods; an end of 00:00 is midnight
create table business_calendar_hours (
    calendar_id bigint   not null references business_calendars (id) on delete cascade,
    day_of_week smallint not null check (day_of_week between 1 and 7),
    starts_at   time     not null,
    ends_at     time     not null check (ends_at > starts_at or ends_at = '00:00'),
    primary key (calendar_id, day_of_week, starts_at)
);

-- holidays and make-up working days (调休上班); one per date and calendar
create table business_calendar_special_days (
    calendar_id bigint not null references business_calendars (id) on delete cascade,
    day         date   not null,
    kind        text   not null check (kind in ('holiday', 'workday')),
    name        text   not null default '',
    primary key (calendar_id, day)
);

-- the own hours of a make-up working day; without rows it has the hours of a normal weekday
create table business_calendar_special_day_hours (
    calendar_id bigint not null,
    day         date   not null,
    starts_at   time   not null,
    ends_at     time   not null check (ends_at > starts_at or ends_at = '00:00'),
    primary key (calendar_id, day, starts_at),
    foreign key (calendar_id, day) references business_calendar_special_days (calendar_id, day) on delete cascade
);

-- Every date of a few decades around today per calendar, written by the application from the same Java rules on each
-- edit. working_days_through counts the working days from the start of the table up to and including the day, so the
-- working days between two dates are a difference of two rows, and "more than N working days ago" is a plain date
-- comparison against one cutoff (see working_days_cutoff): set-based over any number of customers.
create table business_calendar_days (
    calendar_id          bigint  not null references business_calendars (id) on delete cascade,
    day                  date    not null,
    working              boolean not null,
    working_days_through integer not null,
    primary key (calendar_id, day)
);

create index business_calendar_days_by_count on business_calendar_days (calendar_id, working_days_through, day);

-- Working days after p_from up to and including p_to (Friday to Monday: 1); negative when p_to is earlier; null
-- outside the table's range. Agrees with BusinessCalendar.workingDaysBetween.
create function working_days_between(p_calendar_id bigint, p_from date, p_to date) returns integer
    language sql stable parallel safe as
$$
select t.working_days_through - f.working_days_through
from business_calendar_days f
join business_calendar_days t on t.calendar_id = f.calendar_id and t.day = p_to
where f.calendar_id = p_calendar_id and f.day = p_from
$$;

-- The earliest date d with working_days_between(d, p_today) <= p_days: a date is more than p_days working days
-- before p_today exactly when it is earlier than this cutoff. One call per calendar, then an index range scan.
create function working_days_cutoff(p_calendar_id bigint, p_today date, p_days integer) returns date
    language sql stable parallel safe as
$$
select d.day
from business_calendar_days d
where d.calendar_id = p_calendar_id
  and d.working_days_through >= (select t.working_days_through - p_days
                                 from business_calendar_days t
                                 where t.calendar_id = p_calendar_id and t.day = p_today)
order by d.working_days_through, d.day
limit 1
$$;
