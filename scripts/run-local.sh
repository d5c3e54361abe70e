#!/usr/bin/env bash
# Starts everything locally: Azurite (in memory), the Studio simulator, LocalHost (the Functions app without
# Core Tools) and seeds a demo sender and template. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

APP_PORT=${APP_PORT:-7071}
SIM_PORT=${SIM_PORT:-5055}
ACCOUNT_SID=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
AUTH_TOKEN=simulator-auth-token
FLOW_SID=FW11111111111111111111111111111111
log_dir=$(mktemp -d)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_for() { # url, name, log
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not start; its log:" >&2
  tail -n 40 "$3" >&2
  exit 1
}

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
echo "Building..."
dotnet build FunctionsSender.sln -v quiet -nologo >"$log_dir/build.log" 2>&1 || { tail -n 40 "$log_dir/build.log"; exit 1; }

echo "Starting Azurite (in memory, ports 10000-10002)..."
# In memory, so Azurite writes only its debug files, into the log folder (it refuses --location with memory).
(cd "$log_dir" && exec "$OLDPWD/node_modules/.bin/azurite" --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent \
  >"$log_dir/azurite.log" 2>&1) &
pids+=($!)

echo "Starting the Studio simulator on http://127.0.0.1:$SIM_PORT ..."
StudioSimulator__AccountSid=$ACCOUNT_SID StudioSimulator__AuthToken=$AUTH_TOKEN \
  dotnet src/FunctionsSender.StudioSimulator/bin/Debug/net10.0/FunctionsSender.StudioSimulator.dll --urls "http://127.0.0.1:$SIM_PORT" \
  >"$log_dir/simulator.log" 2>&1 &
pids+=($!)

echo "Starting LocalHost on http://127.0.0.1:$APP_PORT ..."
AzureWebJobsStorage=UseDevelopmentStorage=true \
FunctionsSender__SecretKey=${FunctionsSender__SecretKey:-bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=} \
FunctionsSender__AllowInsecureProviderUrls=true \
  dotnet src/FunctionsSender.LocalHost/bin/Debug/net10.0/FunctionsSender.LocalHost.dll --urls "http://127.0.0.1:$APP_PORT" \
  >"$log_dir/localhost.log" 2>&1 &
pids+=($!)

wait_for "http://127.0.0.1:$APP_PORT/api/health" LocalHost "$log_dir/localhost.log"
wait_for "http://127.0.0.1:$SIM_PORT/_simulator/requests" "Studio simulator" "$log_dir/simulator.log"

echo "Seeding sender 'demo' and template 'strong_authentication'..."
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$APP_PORT/api/v1/senders/demo" -H 'Content-Type: application/json' -d @- <<JSON
{
  "name": "Twilio Studio (local simulator)",
  "authorization": { "type": "basic", "username": "$ACCOUNT_SID", "password": "$AUTH_TOKEN" },
  "numbers": [ { "type": "standard", "number": "+14155550100", "sms": true, "voice": true } ],
  "sms":   { "method": "POST", "url": "http://127.0.0.1:$SIM_PORT/v2/Flows/$FLOW_SID/Executions", "bodyFormat": "form",
             "form": [ { "key": "From", "value": "\${from}" }, { "key": "To", "value": "\${to}" }, { "key": "Parameters", "value": "\${message}" } ] },
  "voice": { "method": "POST", "url": "http://127.0.0.1:$SIM_PORT/v2/Flows/$FLOW_SID/Executions", "bodyFormat": "form",
             "form": [ { "key": "From", "value": "\${from}" }, { "key": "To", "value": "\${to}" }, { "key": "Parameters", "value": "\${message}" } ] }
}
JSON
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$APP_PORT/api/v1/templates/strong_authentication/sms/default" \
  -H 'Content-Type: application/json' -d '{"message":"{\"OTP\":${otp}, \"username\":${user.username}}"}'

cat <<TXT

Ready. Send an OTP:

  curl -i -X POST http://127.0.0.1:$APP_PORT/api/v1/notifications -H 'Content-Type: application/json' \\
    -d '{"senderId":"demo","channel":"sms","to":"+14155550123","template":"strong_authentication","variables":{"otp":"012345","user.username":"alice"}}'

Then see it arrive at the simulator (its log below prints each execution), or ask it:

  curl -s -u $ACCOUNT_SID:$AUTH_TOKEN http://127.0.0.1:$SIM_PORT/v2/Flows/$FLOW_SID/Executions

and the status:  curl -s http://127.0.0.1:$APP_PORT/api/v1/notifications/<id from the Location header>

Logs: $log_dir   (Ctrl+C stops everything)
--- simulator ---
TXT
# In the background and waited for, so Ctrl+C runs the cleanup at once (bash defers traps until a foreground child ends).
tail -n +1 -f "$log_dir/simulator.log" &
pids+=($!)
wait
