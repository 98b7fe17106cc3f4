#!/usr/bin/env python3
"""Writes upstream-bos.jsonl: an upstream BOS 2.x database (DBs 0-5) in upstream's exact key and value format.

Each value is what upstream's DBWrapper.put stores, json.dumps(record) (", " and ": " separators); template, session
and session-status keys are get_tenant_aware_key(name, tenant) = sha1(tenant or "")-sha1(name); timestamps are
upstream's naive local times. One line per key: {"db": n, "key": "...", "value": "..."}.
Run it from this folder (tests/Bos.Testing/Upstream) to regenerate the fixture: python3 make_upstream_fixture.py > upstream-bos.jsonl
"""
import hashlib
import json


def tenant_key(name, tenant=None):
    return f"{hashlib.sha1((tenant or '').encode()).hexdigest()}-{hashlib.sha1(name.encode()).hexdigest()}"


IMAGE = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001"
ARTIFACTS = {"kernel": f"{IMAGE}/kernel", "kernel_parameters": "console=ttyS0,115200 ip=dhcp bos_update_frequency=4h",
             "initrd": f"{IMAGE}/initrd"}
EMPTY = {"kernel": "", "kernel_parameters": "", "initrd": ""}
records = []


def put(db, key, value):
    records.append({"db": db, "key": key, "value": json.dumps(value)})


# DB 0: options, with an option removed in 2.48 and a TTL that is illegal since 2.50.
put(0, "options", {"default_retry_policy": 4, "max_boot_wait_time": 1500, "polling_frequency": 15,
                   "logging_level": "INFO", "disable_components_on_completion": True,
                   "component_actual_state_ttl": "30m", "cleanup_completed_session_ttl": "7d"})

# DB 2: session templates.
compute = {"name": "compute", "tenant": None, "description": "Compute nodes", "enable_cfs": True,
           "cfs": {"configuration": "demo-config"},
           "boot_sets": {"compute": {"path": f"{IMAGE}/manifest.json", "type": "s3", "arch": "X86",
                                     "node_list": [f"x3000c0s{i}b0n0" for i in range(1, 5)],
                                     "kernel_parameters": "quiet"}}}
put(2, tenant_key("compute"), compute)
uan = {"name": "uan", "tenant": "vcluster-blue", "enable_cfs": False,
       "boot_sets": {"uan": {"path": f"{IMAGE}/manifest.json", "type": "s3", "arch": "X86",
                             "node_groups": ["blue"]}}}
put(2, tenant_key("uan", "vcluster-blue"), uan)
# A template migrated from v1 long ago: an illegal name and v1 fields.
legacy = {"name": "legacy v1", "tenant": None, "partition": "p1", "cfs_url": "https://git/config.git",
          "cfs": {"configuration": "", "clone_url": "https://git/config.git"},
          "boot_sets": {"computes": {"name": "computes", "path": f"{IMAGE}/manifest.json", "type": "s3",
                                     "network": "nmn", "boot_ordinal": 1, "rootfs_provider": "",
                                     "node_list": [], "node_groups": ["green"], "etag": None}}}
put(2, tenant_key("legacy v1"), legacy)
# Beyond repair: a boot set without a path; a record under another template's key.
put(2, tenant_key("nopath"), {"name": "nopath", "tenant": None,
                              "boot_sets": {"b": {"type": "s3", "node_list": ["x3000c0s1b0n0"]}}})
put(2, tenant_key("elsewhere"), dict(compute, name="moved"))

# DB 3: sessions; DB 5: their saved statuses.
done = {"name": "boot-compute-1", "tenant": None, "operation": "boot", "template_name": "compute", "limit": "",
        "stage": False, "components": "x3000c0s1b0n0,x3000c0s2b0n0,x3000c0s3b0n0,x3000c0s4b0n0",
        "include_disabled": False,
        "status": {"start_time": "2026-02-06T19:49:48", "end_time": "2026-02-06T20:01:02", "status": "complete",
                   "error": None}}
put(3, tenant_key("boot-compute-1"), done)
put(5, tenant_key("boot-compute-1"), {
    "status": "complete", "managed_components_count": 4,
    "phases": {"percent_complete": 100.0, "percent_powering_on": 0.0, "percent_powering_off": 0.0,
               "percent_configuring": 0.0},
    "percent_successful": 100.0, "percent_failed": 0.0, "percent_staged": 0.0, "error_summary": {},
    "timing": {"start_time": "2026-02-06T19:49:48", "end_time": "2026-02-06T20:01:02", "duration": "0:11:14"}})
running = {"name": "reboot-running", "tenant": None, "operation": "reboot", "template_name": "compute",
           "limit": "x3000c0s5b0n0,x3000c0s6b0n0", "stage": False, "components": "x3000c0s5b0n0,x3000c0s6b0n0",
           "include_disabled": False,
           "status": {"start_time": "2026-02-07T08:00:00", "end_time": None, "status": "running", "error": None}}
put(3, tenant_key("reboot-running"), running)
put(3, tenant_key("bad name!"), dict(done, name="bad name!"))
put(5, tenant_key("deleted-long-ago"), {"status": "complete", "managed_components_count": 0})


# DB 1: components.
def component(xname, **changes):
    record = {"id": xname,
              "actual_state": {"boot_artifacts": ARTIFACTS, "bss_token": f"token-{xname}",
                               "last_updated": "2026-02-06T20:00:01"},
              "desired_state": {"boot_artifacts": ARTIFACTS, "configuration": "demo-config",
                                "bss_token": f"token-{xname}", "last_updated": "2026-02-06T19:50:10"},
              "staged_state": {}, "last_action": {"action": "powering_on", "failed": False,
                                                  "last_updated": "2026-02-06T19:51:00"},
              "event_stats": {"power_on_attempts": 1, "power_off_graceful_attempts": 0,
                              "power_off_forceful_attempts": 0},
              "status": {"phase": "", "status_override": ""}, "enabled": False, "error": "",
              "session": "boot-compute-1"}
    record.update(changes)
    return record


for i in range(1, 5):
    put(1, f"x3000c0s{i}b0n0", component(f"x3000c0s{i}b0n0"))
for i in (5, 6):
    put(1, f"x3000c0s{i}b0n0", component(
        f"x3000c0s{i}b0n0", session="reboot-running", enabled=True,
        actual_state={"boot_artifacts": EMPTY, "bss_token": "", "last_updated": "2026-02-07T08:00:30"},
        desired_state={"boot_artifacts": ARTIFACTS, "configuration": "demo-config", "bss_token": "",
                       "last_updated": "2026-02-07T08:00:05"},
        last_action={"action": "powering_off_gracefully", "failed": False, "last_updated": "2026-02-07T08:00:20"},
        status={"phase": "powering_on", "status_override": ""}, retry_policy=5))
put(1, "x3000c0s7b0n0", component("x3000c0s8b0n0"))

# DB 4: BSS referral tokens.
for i in range(1, 5):
    put(4, f"token-x3000c0s{i}b0n0", dict(ARTIFACTS, timestamp="2026-02-06T19:50:10"))

for record in records:
    print(json.dumps(record))
