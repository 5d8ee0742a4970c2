import type { Int, Timestamp } from "tsflink";
import type { Order } from "./orders.js";

const CITIES = [
  { city: "Lyon", country: "FR" },
  { city: "São Paulo", country: "BR" },
  { city: "Osaka", country: "JP" },
  { city: "Nairobi", country: "KE" },
];
const STATUSES: Order["status"][] = ["NEW", "PAID", "PAID", "CANCELLED"];

/**
 * Deterministic sample orders for the demo and the end-to-end test: the i-th order is always
 * the same, and the mix covers every status, coupons present and absent, and several cities.
 */
export function sampleOrder(i: number): Order {
  const lineCount = i % 4;
  const shipping = CITIES[i % CITIES.length]!;
  return {
    orderId: `o-${String(i).padStart(6, "0")}`,
    customerId: `c-${i % 97}`,
    amount: i % 50 === 0 ? 0 : Math.round(((i * 7919) % 100_000) / 10) / 10,
    quantity: ((i % 5) + 1) as Int,
    status: STATUSES[(i * 31) % STATUSES.length]!,
    createdAt: (1_767_225_600_000 + i * 250) as Timestamp,
    ...(i % 3 === 0 ? { coupon: `SAVE${i % 10}` } : {}),
    lines: Array.from({ length: lineCount }, (_, k) => ({ sku: `sku-${(i + k) % 13}`, price: k + 0.5 })),
    shipping: { ...shipping },
  };
}

/** A record of `orders.paid`. */
export interface PaidOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly big: boolean;
  readonly city: string;
  readonly coupon: string;
  readonly items: number;
  readonly createdAt: number;
}

/** What `pipelines/orders.ts` writes to `orders.paid` for an order, written out by hand. */
export function expectedPaid(o: Order): PaidOrder | undefined {
  if (!(o.status === "PAID" && o.amount > 0)) return undefined;
  return {
    orderId: o.orderId,
    customerId: o.customerId,
    amount: o.amount,
    big: o.amount >= 500,
    city: o.shipping.city.toUpperCase(),
    coupon: o.coupon ?? "none",
    items: o.lines.length,
    createdAt: o.createdAt,
  };
}

/** What `pipelines/orders.ts` writes to `orders.cancelled` for an order. */
export function expectedCancelled(o: Order): { orderId: string; customerId: string; reason: string } | undefined {
  if (o.status !== "CANCELLED") return undefined;
  return { orderId: o.orderId, customerId: o.customerId, reason: `cancelled in ${o.shipping.country}` };
}

/** Values no Avro decoder accepts as an `Order`: they must reach the dead-letter topic unchanged. */
export const CORRUPT_VALUES: readonly Buffer[] = [
  Buffer.from("not avro at all"),
  Buffer.from([0x02]),
  Buffer.from([0x00, 0x00, 0x00, 0x00, 0x07, 0xff, 0xff]),
  Buffer.from('{"orderId":"json-by-mistake"}'),
  Buffer.alloc(0),
];
