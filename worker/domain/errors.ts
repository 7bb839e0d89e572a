/**
 * The platform's one error model, as the domain speaks it: a closed set of request-level codes,
 * and a closed set of field problems, each belonging to one code. worker/lib/errors.ts maps each
 * code to its HTTP status; the message catalogues word each code and each problem. Services and
 * data functions throw AppError; nothing returns `{ error }` objects for a route to interpret.
 */

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * What is wrong with one field, and so which code (hence status) a request refused for it gets:
 * a value that is taken is a conflict, a photo of the wrong type an unsupported media type.
 */
export const problemCodes = {
  required: 'validation_failed',
  out_of_range: 'validation_failed',
  unknown_province: 'validation_failed',
  commune_not_in_province: 'validation_failed',
  unknown_product: 'validation_failed',
  unknown_variant: 'validation_failed',
  unknown_sales_point: 'validation_failed',
  unknown_producer: 'validation_failed',
  lot_code_invalid: 'validation_failed',
  lot_code_taken: 'conflict',
  gtin_taken: 'conflict',
  tax_code_taken: 'conflict',
  login_taken: 'conflict',
  password_mismatch: 'validation_failed',
  tax_code_mismatch: 'validation_failed',
  stock_from_variants: 'validation_failed',
  stock_below_zero: 'validation_failed',
  stock_changed: 'conflict',
  photo_missing: 'validation_failed',
  photo_too_large: 'payload_too_large',
  photo_type: 'unsupported_media_type',
  stamp_layout_unfit: 'validation_failed',
  sheet_out_of_range: 'validation_failed',
  serials_not_in_batch: 'validation_failed',
  serial_not_in_batch: 'validation_failed',
  reprint_too_many: 'validation_failed',
  event_in_future: 'validation_failed',
  event_too_early: 'validation_failed',
  inputs_required: 'validation_failed',
  input_is_output: 'validation_failed',
  input_not_found: 'validation_failed',
  inputs_only_for_transformation: 'validation_failed',
  too_many_inputs: 'validation_failed',
  report_only_for_inspection: 'validation_failed',
  coordinates_invalid: 'validation_failed',
  radius_invalid: 'validation_failed',
  price_range_invalid: 'validation_failed',
  date_invalid: 'validation_failed',
  date_range_invalid: 'validation_failed',
  phone_invalid: 'validation_failed',
  opening_hours_invalid: 'validation_failed',
  unknown_kind: 'validation_failed',
  reason_required: 'validation_failed',
  status_not_allowed: 'conflict',
  product_not_stockable: 'validation_failed',
  product_not_own: 'validation_failed',
  fair_dates_invalid: 'validation_failed',
  fair_line_invalid: 'validation_failed',
  booth_in_use: 'conflict',
  booth_not_in_fair: 'validation_failed',
  booth_required: 'validation_failed',
  booth_taken: 'conflict',
  product_not_eligible: 'validation_failed',
  products_required: 'validation_failed',
  applications_closed: 'conflict',
  already_applied: 'conflict',
  already_exhibiting: 'conflict',
  slug_taken: 'conflict',
  // Cart and checkout: each names the product or producer it is about.
  cart_empty: 'validation_failed',
  not_for_sale: 'validation_failed',
  tourism_service: 'validation_failed',
  sold_at_points_only: 'validation_failed',
  price_on_request: 'validation_failed',
  variant_required: 'validation_failed',
  quantity_invalid: 'validation_failed',
  too_many_lines: 'validation_failed',
  too_many_producers: 'validation_failed',
  amount_too_large: 'validation_failed',
  insufficient_stock: 'conflict',
  sold_out: 'conflict',
  delivery_required: 'validation_failed',
  shipping_not_offered: 'validation_failed',
  unknown_fair_booth: 'validation_failed',
  address_required: 'validation_failed',
  mobile_invalid: 'validation_failed',
  email_invalid: 'validation_failed',
  payment_unavailable: 'validation_failed',
  // Orders and payments.
  transition_not_allowed: 'conflict',
  carrier_required: 'validation_failed',
  tracking_number_required: 'validation_failed',
  order_changed: 'conflict',
  refund_failed: 'conflict',
  nothing_to_refund: 'conflict',
  shipping_fee_invalid: 'validation_failed',
  free_from_invalid: 'validation_failed',
  reference_unknown: 'validation_failed',
  transfer_resolved: 'conflict',
} as const satisfies Record<string, ErrorCode>;

export type ProblemCode = keyof typeof problemCodes;

/** Values a problem's message names (a limit, a list of serials…). */
export type ProblemParams = Record<string, string | number>;

/** A field problem before it is worded: the page or API words it in the visitor's language. */
export interface FieldProblem {
  field: string;
  problem: ProblemCode;
  params?: ProblemParams;
}

/** A field problem as a person reads it. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Problems already worded (zod validation words them as it parses). */
  readonly issues: FieldIssue[];
  /** Problems the error model words (see fieldIssues in worker/lib/errors.ts). */
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, options: { detail?: string; issues?: FieldIssue[]; problems?: FieldProblem[] } = {}) {
    super(options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.problems = options.problems ?? [];
  }

  /** Whether the error is about what was typed in named fields, so a form can show it beside them. */
  get namesFields(): boolean {
    return this.issues.length > 0 || this.problems.length > 0;
  }
}

/** A request refused for field problems; its code is the first problem's. */
export function refused(first: FieldProblem, ...more: FieldProblem[]): AppError {
  return new AppError(problemCodes[first.problem], { problems: [first, ...more] });
}

export const problem = (field: string, code: ProblemCode, params?: ProblemParams): FieldProblem =>
  params ? { field, problem: code, params } : { field, problem: code };

export const notFound = (detail?: string) => new AppError('not_found', detail ? { detail } : {});
