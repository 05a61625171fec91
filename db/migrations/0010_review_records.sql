CREATE TABLE "branch_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"team" text NOT NULL,
	"agent" text NOT NULL,
	"commit" text NOT NULL,
	"command" text NOT NULL,
	"passed" boolean NOT NULL,
	"exit_code" integer,
	"output_tail" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"requested_by" text NOT NULL,
	"told_agent" boolean DEFAULT false NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merge_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"team" text NOT NULL,
	"agent" text NOT NULL,
	"patch_digest" text NOT NULL,
	"commit" text NOT NULL,
	"approved_by" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "branch_checks_agent_idx" ON "branch_checks" USING btree ("team","agent","finished_at");--> statement-breakpoint
CREATE INDEX "merge_approvals_agent_idx" ON "merge_approvals" USING btree ("team","agent","approved_at");