-- The tracker, as in ../sqlite/0002-tracker.sql, in PostgreSQL's own types: json (kept as
-- written, so answers are byte for byte those of SQLite), timestamptz, date, bytea.
-- Case events are append-only: statement triggers refuse UPDATE, DELETE and TRUNCATE.
create table agency_api_keys (
  key_id      text primary key,
  agency_id   text not null,
  key_hash    bytea not null check (length(key_hash) = 32),
  label       text,
  created_at  timestamptz not null,
  revoked_at  timestamptz
);
create index agency_api_keys_by_agency on agency_api_keys (agency_id);

create table cases (
  case_number          text primary key,
  lookup_hash          text not null,
  service_id           text not null,
  owner_agency_id      text not null,
  receiving_office     json not null,
  route                json not null check (json_typeof(route) = 'array'),
  contact              json,
  expected_earliest    date,
  expected_latest      date,
  expected_confidence  text check (expected_confidence in ('estimate', 'target', 'statutory')),
  received_at          timestamptz not null,
  created_at           timestamptz not null,
  created_by           text not null references agency_api_keys (key_id),
  check ((expected_earliest is null) = (expected_latest is null) and (expected_latest is null) = (expected_confidence is null)),
  check (expected_earliest is null or expected_earliest <= expected_latest)
);
create index cases_by_owner on cases (owner_agency_id);

create table case_events (
  id                   bigint generated always as identity primary key,
  case_number          text not null references cases (case_number),
  at                   timestamptz not null,
  agency_id            text not null,
  office               json not null,
  status               text not null,
  agency_word          text,
  note                 json,
  action               json,
  action_due           date,
  expected_earliest    date,
  expected_latest      date,
  expected_confidence  text check (expected_confidence in ('estimate', 'target', 'statutory')),
  created_at           timestamptz not null,
  created_by           text not null references agency_api_keys (key_id),
  check (action_due is null or action is not null),
  check ((expected_earliest is null) = (expected_latest is null) and (expected_latest is null) = (expected_confidence is null)),
  check (expected_earliest is null or expected_earliest <= expected_latest)
);
create index case_events_by_case on case_events (case_number, at, id);

create function case_events_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    raise exception 'case_events is append-only: add a new event instead' using errcode = 'raise_exception';
  end if;
  raise exception 'case_events is append-only: events are never deleted' using errcode = 'raise_exception';
end
$$;
create trigger case_events_no_update before update on case_events
  for each statement execute function case_events_refuse_change();
create trigger case_events_no_delete before delete on case_events
  for each statement execute function case_events_refuse_change();
create trigger case_events_no_truncate before truncate on case_events
  for each statement execute function case_events_refuse_change();

create table lookup_attempts (
  id           bigint generated always as identity primary key,
  at_ms        bigint not null,
  client_ip    text not null,
  case_number  text not null,
  succeeded    boolean not null default false
);
create index lookup_attempts_by_ip on lookup_attempts (client_ip, at_ms);
create index lookup_attempts_by_case on lookup_attempts (case_number, at_ms);
create index lookup_attempts_by_time on lookup_attempts (at_ms);
