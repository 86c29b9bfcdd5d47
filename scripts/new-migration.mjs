#!/usr/bin/env node
// Writes a new migration from the difference between prisma/migrations and
// prisma/schema.prisma. `prisma migrate dev` is broken with the libsql adapter
// (STACK.md), so migrations are authored with `migrate diff` and applied with
// `migrate deploy` (npm run db:migrate).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and _)");
  process.exit(1);
}

const migrationsDir = path.join(root, "prisma", "migrations");
fs.mkdirSync(migrationsDir, { recursive: true });
const lockFile = path.join(migrationsDir, "migration_lock.toml");
if (!fs.existsSync(lockFile)) fs.writeFileSync(lockFile, 'provider = "sqlite"\n');

const sql = execFileSync(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    "--from-migrations",
    migrationsDir,
    "--to-schema-datamodel",
    path.join(root, "prisma", "schema.prisma"),
    "--script",
  ],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);

if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/i.test(sql)) {
  console.error("The schema matches the migrations: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.error(`Wrote ${path.relative(root, dir)}/migration.sql. Apply it with: npm run db:migrate`);
