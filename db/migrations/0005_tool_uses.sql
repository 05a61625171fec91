ALTER TABLE "permission_requests" ADD COLUMN "hook" text DEFAULT 'permission-request' NOT NULL;--> statement-breakpoint
ALTER TABLE "permission_requests" ADD COLUMN "session_id" text;--> statement-breakpoint
ALTER TABLE "permission_requests" ADD COLUMN "tool_use_id" text;