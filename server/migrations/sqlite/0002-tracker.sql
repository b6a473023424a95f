-- The tracker (server/tracker/). Agencies write through API keys stored as SHA-256 of the
-- secret (32 random bytes, so a fast hash is enough); citizens read with a case number and a
-- short lookup code stored as scrypt with a per-case salt (low entropy, so a slow hash).
-- Case events are append-only, enforced here by triggers as well as by the code.
create table agency_api_keys (
  key_id      text primary key,
  agency_id   text not null,
  key_hash    blob not null check (length(key_hash) = 32),
  label       text,
  created_at  text not null,
  revoked_at  text
);
create index agency_api_keys_by_agency on agency_api_keys (agency_id);

create table cases (
  case_number          text primary key,
  lookup_hash          text not null,
  service_id           text not null,
  owner_agency_id      text not null,
  receiving_office     text not null check (json_valid(receiving_office)),
  route                text not null check (json_valid(route) and json_type(route) = 'array'),
  contact              text check (contact is null or json_valid(contact)),
  expected_earliest    text,
  expected_latest      text,
  expected_confidence  text check (expected_confidence in ('estimate', 'target', 'statutory')),
  received_at          text not null,
  created_at           text not null,
  created_by           text not null references agency_api_keys (key_id),
  check ((expected_earliest is null) = (expected_latest is null) and (expected_latest is null) = (expected_confidence is null)),
  check (expected_earliest is null or expected_earliest <= expected_latest)
);
create index cases_by_owner on cases (owner_agency_id);

create table case_events (
  id                   integer primary key autoincrement,
  case_number          text not null references cases (case_number),
  at                   text not null,
  agency_id            text not null,
  office               text not null check (json_valid(office)),
  status               text not null,
  agency_word          text,
  note                 text check (note is null or json_valid(note)),
  action               text check (action is null or json_valid(action)),
  action_due           text,
  expected_earliest    text,
  expected_latest      text,
  expected_confidence  text check (expected_confidence in ('estimate', 'target', 'statutory')),
  created_at           text not null,
  created_by           text not null references agency_api_keys (key_id),
  check (action_due is null or action is not null),
  check ((expected_earliest is null) = (expected_latest is null) and (expected_latest is null) = (expected_confidence is null)),
  check (expected_earliest is null or expected_earliest <= expected_latest)
);
create index case_events_by_case on case_events (case_number, at, id);
create trigger case_events_no_update before update on case_events
  begin select raise(abort, 'case_events is append-only: add a new event instead'); end;
create trigger case_events_no_delete before delete on case_events
  begin select raise(abort, 'case_events is append-only: events are never deleted'); end;

create table lookup_attempts (
  id           integer primary key autoincrement,
  at_ms        integer not null,
  client_ip    text not null,
  case_number  text not null,
  succeeded    integer not null default 0 check (succeeded in (0, 1))
);
create index lookup_attempts_by_ip on lookup_attempts (client_ip, at_ms);
create index lookup_attempts_by_case on lookup_attempts (case_number, at_ms);
create index lookup_attempts_by_time on lookup_attempts (at_ms);
