/**
 * The service desk's automatic dispatch (智能派单): rules send a new ticket to a team, the team's strategy picks an agent
 * on duty with the skills and capacity for it, and tickets wait in the team's queue, oldest first, while every agent is
 * at their cap.
 */
package dev.retain.service.dispatch;
