-- Teams (部门) in a tree; each user in at most one team; a team's managers. The base of data scopes: a manager sees
-- their team's and sub-teams' customers.
create table teams (
    id         bigint generated always as identity primary key,
    name       text        not null unique,
    parent_id  bigint references teams (id),
    created_at timestamptz not null
);

create table team_members (
    user_id bigint primary key references users (id) on delete cascade,
    team_id bigint not null references teams (id)
);
create index team_members_team on team_members (team_id);

create table team_managers (
    team_id bigint not null references teams (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    primary key (team_id, user_id)
);
