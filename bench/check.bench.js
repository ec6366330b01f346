#!/usr/bin/env node
// How long `trailguard check` takes, against the floor of a bare node process that only loads
// @pulumi/aws and @pulumi/policy (what any offline policy run must pay at least once), and how the
// time grows with the number of stacks (1, 10, 50 copies of the dev stack's settings) and with a
// 10,000-resource program. Every ratio printed is from this one run. Goal: all shipped stacks, both
// renders (check's default: preview and deployed), in at most 2x the floor; growth linear or better.
// The one-render check (--mode preview) is measured beside it, for what the second render costs.
// CHECK_BENCH_SHIPPED_ONLY=1 stops after the shipped-stacks rows.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "bin", "trailguard.js");

function time(args, options = {}) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, ...options });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0 && run.status !== 1) {
        throw new Error(`${args.join(" ")} exited ${run.status ?? run.signal}:\n${run.stderr}`);
    }
    return { seconds, stdout: run.stdout };
}

function middle(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function median(args, runs, options) {
    const samples = [];
    let last;
    for (let i = 0; i < runs; i++) {
        last = time(args, options);
        samples.push(last.seconds);
    }
    return { seconds: middle(samples), stdout: last.stdout };
}

function check(args, runs = 1) {
    const result = median([cli, "check", "--quiet", "--format", "json", ...args], runs);
    const report = JSON.parse(result.stdout);
    return { seconds: result.seconds, stacks: report.summary.stacks, resources: report.summary.resources };
}

/** Seconds from spawning the pack as the engine does to its port on stdout, median of 3. */
function packStartSeconds() {
    const script = [
        'const { PolicyPackProcess } = require("./dist/cli/analyzerClient/policyPackProcess");',
        'PolicyPackProcess.start("policies").then(async (p) => { console.log(p.startupMs / 1000); await p.close(); });',
    ].join("\n");
    const samples = [0, 1, 2].map(() => Number(time(["-e", script]).stdout.trim()));
    return samples.sort((a, b) => a - b)[1];
}

/** A project that runs trailguard's compiled program with `count` copies of a stack's settings. */
function copiesOfStack(dir, stack, count) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: trailguard\nruntime: nodejs\nmain: ${JSON.stringify(path.join(root, "dist", "index.js"))}\n`,
    );
    const settings = fs.readFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "utf8");
    for (let i = 1; i <= count; i++) {
        fs.writeFileSync(path.join(dir, `Pulumi.copy${String(i).padStart(3, "0")}.yaml`), settings);
    }
    return dir;
}

/** A JavaScript program with `count` tagged buckets and one trail: size, not realism. */
function generatedProgram(dir, count) {
    fs.mkdirSync(dir, { recursive: true });
    // A program has its own node_modules; this one borrows trailguard's.
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: generated\nruntime: nodejs\nmain: index.js\n");
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n  aws:region: us-east-1\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const aws = require("@pulumi/aws");',
            'const logs = new aws.s3.Bucket("trail-logs");',
            'new aws.cloudtrail.Trail("trail", { s3BucketName: logs.id, isMultiRegionTrail: true, enableLogFileValidation: true });',
            `for (let i = 0; i < ${count - 3}; i++) {`,
            '    new aws.s3.Bucket(`data-${i}`, { tags: { team: "bench", index: String(i) } });',
            "}",
        ].join("\n") + "\n",
    );
    return dir;
}

function main() {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-check-bench-"));
    try {
        const f = (seconds) => `${seconds.toFixed(2)} s`;
        const row = (what, seconds, ratio = "") => process.stdout.write(`${what.padEnd(58)} ${f(seconds).padStart(8)}  ${ratio}\n`);

        // Floor and shipped-stacks check in turns, 7 of each, so that whatever else the machine does
        // at a moment weighs on both alike; the median of each.
        const floorRuns = [];
        const shippedRuns = [];
        const previewRuns = [];
        let shipped;
        for (let i = 0; i < 7; i++) {
            floorRuns.push(time(["-e", 'require("@pulumi/aws"); require("@pulumi/policy");']).seconds);
            shipped = check([]);
            shippedRuns.push(shipped.seconds);
            previewRuns.push(check(["--mode", "preview"]).seconds);
        }
        const floor = middle(floorRuns);
        shipped.seconds = middle(shippedRuns);
        const previewOnly = middle(previewRuns);
        row("floor: node + @pulumi/aws + @pulumi/policy", floor);
        row(
            `check, shipped stacks, both renders (${shipped.stacks} stacks, ${shipped.resources} resources)`,
            shipped.seconds,
            `${(shipped.seconds / floor).toFixed(2)}x floor (goal <= 2x)`,
        );
        row("  check --mode preview (one render)", previewOnly, `${(previewOnly / floor).toFixed(2)}x floor`);
        if (process.env.CHECK_BENCH_SHIPPED_ONLY === "1") return;
        // For reference: the pack started as the engine starts it (run-policy-pack also loads
        // TypeScript and ts-node). `check` starts it from its compiled main module instead.
        const packStart = packStartSeconds();
        row("  pack start-up as the engine starts it (not on check's path)", packStart, `${(packStart / floor).toFixed(2)}x floor`);
        const one = check(["--program", copiesOfStack(path.join(work, "one"), "dev", 1)], 3);
        row("check, 1 copy of dev", one.seconds, `${(one.seconds / floor).toFixed(2)}x floor`);
        const ten = check(["--program", copiesOfStack(path.join(work, "ten"), "dev", 10)]);
        row("check, 10 copies of dev", ten.seconds, `${(ten.seconds / one.seconds).toFixed(2)}x of 1 copy (linear: 10x)`);
        const fifty = check(["--program", copiesOfStack(path.join(work, "fifty"), "dev", 50)]);
        row("check, 50 copies of dev", fifty.seconds, `${(fifty.seconds / ten.seconds).toFixed(2)}x of 10 copies (linear: 5x)`);
        row("  marginal cost per stack, 10 -> 50 copies", (fifty.seconds - ten.seconds) / 40, `${((fifty.seconds - ten.seconds) / 40 / one.seconds).toFixed(2)}x of a 1-stack run`);
        const small = check(["--program", generatedProgram(path.join(work, "small"), 10)], 3);
        row(`check, generated program (${small.resources} resources)`, small.seconds);
        const large = check(["--program", generatedProgram(path.join(work, "large"), 10_000)]);
        const perResource = ((large.seconds - small.seconds) / (large.resources - small.resources)) * 1000;
        row(`check, generated program (${large.resources} resources)`, large.seconds, `${perResource.toFixed(3)} ms per extra resource`);
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main();
