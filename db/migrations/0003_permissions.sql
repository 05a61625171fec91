CREATE TABLE "permission_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"team" text NOT NULL,
	"project_dir" text NOT NULL,
	"cwd" text,
	"tool_name" text NOT NULL,
	"tool_input" jsonb NOT NULL,
	"command_text" text,
	"status" text NOT NULL,
	"decided_by" text,
	"rule_id" text,
	"reason" text,
	"decider" text,
	"learned_rules" jsonb,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decision_latency_ms" integer
);
--> statement-breakpoint
CREATE TABLE "permission_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"effect" text NOT NULL,
	"scope" text NOT NULL,
	"scope_key" text,
	"source" text NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"learned_from" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "permission_requests_status_idx" ON "permission_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "permission_requests_agent_idx" ON "permission_requests" USING btree ("agent_id","requested_at");--> statement-breakpoint
CREATE INDEX "permission_rules_scope_idx" ON "permission_rules" USING btree ("scope","scope_key");