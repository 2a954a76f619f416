#!/bin/sh
# Starts a local PostgreSQL and creates the role and databases the service and its tests use. Idempotent.
# Installs PostgreSQL with apt when it is missing and we are root; otherwise says what to do in one line.
set -eu

DB_USER=${DB_USER:-est}
DB_PASSWORD=${DB_PASSWORD:-est}
DB_NAMES=${DB_NAMES:-"est est_test est_e2e est_bench est_bench_jdk est_bench_test est_bench_test_jdk"}

fail() { echo "make db: $*" >&2; exit 1; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "make db: installing PostgreSQL with apt-get"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        fail "PostgreSQL is not installed: install it (sudo apt-get install postgresql) or point QUARKUS_DATASOURCE_JDBC_URL at a database"
    fi
fi

# The newest installed cluster; Debian's packages create one per version.
cluster=$(pg_lsclusters --no-header | sort -k1,1n | tail -n 1)
[ -n "$cluster" ] || fail "no PostgreSQL cluster found (pg_createcluster <version> main creates one)"
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
status=$(echo "$cluster" | awk '{print $4}')
if [ "$status" != online ]; then
    pg_ctlcluster "$version" "$name" start || fail "cannot start PostgreSQL cluster $version/$name (see /var/log/postgresql)"
fi

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
for i in 1 2 3 4 5 6 7 8 9 10; do psql_admin -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]; then
    psql_admin -c "create role $DB_USER login password '$DB_PASSWORD'"
fi
for db in $DB_NAMES; do
    if [ "$(psql_admin -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
        psql_admin -c "create database $db owner $DB_USER"
    fi
done
echo "make db: PostgreSQL $version/$name is up; databases: $DB_NAMES (role $DB_USER)"
