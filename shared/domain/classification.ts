/**
 * How a need is classified (DESIGN.md §3): the critical-infrastructure sector it serves, the category of
 * assistance it asks for, and its priority as stated by the requesting institution. The dashboard groups
 * coverage by sector and by category; the order of PRIORITIES is the order of urgency.
 */
import { z } from 'zod';

export const SECTORS = ['energy', 'telecom', 'finance', 'government', 'health', 'transport', 'water', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
export const SectorSchema = z.enum(SECTORS);

/** Services are incident response, SOC, penetration tests and audits. */
export const CATEGORIES = ['hardware', 'software-licences', 'services', 'training', 'threat-intelligence', 'equipment'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CategorySchema = z.enum(CATEGORIES);

/** Most urgent first. */
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = z.enum(PRIORITIES);

/** 0 for critical … 3 for low: sorts most urgent first. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
