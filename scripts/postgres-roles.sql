-- EHCP QA Audit on PostgreSQL: a table-owner role separate from the app's login role.
--
-- The owner role owns the database, its tables and the change log's append-only
-- triggers; only it runs `qa-audit init` and `qa-audit db migrate`. Everyone else uses
-- the app's login role, which owns nothing: it may read and write the data tables,
-- but on change_log only SELECT and INSERT, and it can neither ALTER the table,
-- disable or drop its triggers, nor TRUNCATE it (TRUNCATE fires no row triggers).
--
-- Run it as a superuser (or a role with CREATEROLE and CREATEDB) with psql, twice:
-- once before `init` (roles, database, default privileges) and once after `init`
-- and after every `db migrate` (privileges on the tables that now exist). It is
-- idempotent. Passwords are given as psql variables, never stored in this file:
--
--   psql -h dbserver -U postgres -v db=ehcp_qa -v owner=qa_audit_owner \
--        -v owner_password='...' -v app=qa_audit_app -v app_password='...' \
--        -f scripts/postgres-roles.sql
--   qa-audit --db "postgresql+psycopg://qa_audit_owner@dbserver/ehcp_qa" init
--   psql ... -f scripts/postgres-roles.sql        (again, same variables)
--
-- Panel members then use postgresql+psycopg://qa_audit_app@dbserver/ehcp_qa.
-- Viewers can get a third login with SELECT only (see docs/it-and-information-governance.md).

\set ON_ERROR_STOP on

-- roles (cluster-wide): create them when missing, (re)set their passwords
SELECT format('CREATE ROLE %I NOLOGIN', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I NOLOGIN', :'app')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
              :'owner', :'owner_password') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS '
              'PASSWORD %L', :'app', :'app_password') \gexec

-- the database, owned by the owner role (created when missing)
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8''', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db', :'app') \gexec

\connect :db

-- the schema: the owner creates tables in it, the app only uses them
SELECT format('ALTER SCHEMA public OWNER TO %I', :'owner') \gexec
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'app') \gexec

-- tables created later by the owner (migrations) are usable by the app at once
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
              'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', :'owner', :'app') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
              'GRANT USAGE, SELECT ON SEQUENCES TO %I', :'owner', :'app') \gexec

-- tables that exist now (after init / migrate): owned by the owner role (their
-- sequences follow them); a database set up before this script changes hands here
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'owner')
  FROM pg_tables WHERE schemaname = 'public' \gexec
SELECT format('ALTER FUNCTION public.%I() OWNER TO %I', proname, :'owner')
  FROM pg_proc WHERE proname = 'change_log_append_only' \gexec
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I',
              :'app') \gexec
SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', :'app') \gexec
SELECT format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM %I',
              :'app') \gexec

-- the change log: append-only for the app (its triggers also refuse UPDATE and DELETE)
SELECT format('REVOKE ALL ON TABLE public.change_log FROM %I', :'app')
 WHERE to_regclass('public.change_log') IS NOT NULL \gexec
SELECT format('GRANT SELECT, INSERT ON TABLE public.change_log TO %I', :'app')
 WHERE to_regclass('public.change_log') IS NOT NULL \gexec
-- the schema version is the owner's to change (an upgrade is the owner's act)
SELECT format('REVOKE INSERT, UPDATE, DELETE ON TABLE public.alembic_version FROM %I', :'app')
 WHERE to_regclass('public.alembic_version') IS NOT NULL \gexec
