/**
 * A virtualised table of records (TanStack Virtual): a real <table> whose body holds only the rows in
 * view plus a few, between two spacer rows, so 100,000 records scroll as smoothly as 100. Screen readers
 * get the full size from aria-rowcount and each row's aria-rowindex.
 *
 * Keyboard: the table is one Tab stop; the arrow keys, Page Up/Down, Home and End move between rows
 * (scrolling as needed) and Enter opens the focused record. Column headers are buttons that sort
 * (aria-sort says how). Record text is rendered by React as text, never as HTML.
 */
import { Table, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SortDirection, SortKey } from './list-query';
import type { BaseRow } from './rows';
import './records.css';

export const ROW_HEIGHT = 44;

export interface Column<R> {
  readonly id: string;
  readonly header: string;
  /** CSS width of the column (the table has a fixed layout). */
  readonly width: string;
  readonly sort?: SortKey;
  readonly align?: 'right';
  readonly render: (row: R) => ReactNode;
}

export interface RecordTableProps<R extends BaseRow> {
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  /** The table's accessible name. */
  readonly label: string;
  readonly sort: SortKey;
  readonly dir: SortDirection;
  readonly onSort: (key: SortKey) => void;
  /** Where a row leads. */
  readonly href: (row: R) => string;
  /** Text shown when there is no row. */
  readonly empty: ReactNode;
}

export function RecordTable<R extends BaseRow>({ rows, columns, label, sort, dir, onSort, href, empty }: RecordTableProps<R>) {
  const { t } = useTranslation('records');
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The active row belongs to one result: a new one (a search, a filter, a sort) starts at the top.
  const [cursor, setCursor] = useState<{ readonly rows: readonly R[]; readonly index: number }>({ rows, index: 0 });
  const active = cursor.rows === rows ? cursor.index : 0;
  const setActive = (index: number): void => {
    setCursor({ rows, index });
  };
  const focusAfterRender = useRef(false);
  // The app is not built with the React Compiler; the virtualizer is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  // The one row in the Tab order: the active one when it is rendered, else the first rendered one.
  const tabbable = items.some((item) => item.index === activeIndex) ? activeIndex : (items[0]?.index ?? -1);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [rows, virtualizer]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${String(activeIndex)}"]`);
    if (row !== null && row !== undefined) {
      focusAfterRender.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    focusAfterRender.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: R): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'PageDown':
        move(index + page);
        break;
      case 'PageUp':
        move(index - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'Enter':
        void navigate(href(row));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const first = items[0];
  const last = items[items.length - 1];
  const before = first?.start ?? 0;
  const after = last === undefined ? 0 : virtualizer.getTotalSize() - last.end;

  return (
    <div ref={scrollRef} className="td-record-scroll" data-row-count={rows.length}>
      <Table stickyHeader highlightOnHover className="td-record-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.width }} />
          ))}
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            {columns.map((column) => {
              const sorted = column.sort !== undefined && column.sort === sort;
              return (
                <Table.Th
                  key={column.id}
                  scope="col"
                  aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={column.align === 'right' ? 'td-cell-right' : undefined}
                >
                  {column.sort === undefined ? (
                    column.header
                  ) : (
                    <UnstyledButton
                      className="td-sort-button"
                      onClick={() => {
                        if (column.sort !== undefined) onSort(column.sort);
                      }}
                    >
                      <span>{column.header}</span>
                      {sorted ? (
                        dir === 'asc' ? (
                          <IconArrowUp size={14} aria-hidden="true" />
                        ) : (
                          <IconArrowDown size={14} aria-hidden="true" />
                        )
                      ) : (
                        <IconArrowsSort size={14} aria-hidden="true" className="td-sort-idle" />
                      )}
                      <VisuallyHidden>{sorted ? t(dir === 'asc' ? 'list.sortedAsc' : 'list.sortedDesc') : t('list.sortBy')}</VisuallyHidden>
                    </UnstyledButton>
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 ? (
            <tr aria-hidden="true" className="td-spacer">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <Table.Tr
                key={item.key}
                data-index={item.index}
                data-record={row.id}
                data-deleted={row.deleted ? '' : undefined}
                aria-rowindex={item.index + 2}
                tabIndex={item.index === tabbable ? 0 : -1}
                className="td-record-row"
                style={{ height: ROW_HEIGHT }}
                onFocus={() => {
                  if (item.index !== active) setActive(item.index);
                }}
                onKeyDown={(event) => {
                  onKeyDown(event, item.index, row);
                }}
                onClick={(event) => {
                  // A click on the title's link navigates by itself.
                  if (!(event.target instanceof Element && event.target.closest('a') !== null)) void navigate(href(row));
                }}
              >
                {columns.map((column) => (
                  <Table.Td key={column.id} className={column.align === 'right' ? 'td-cell-right' : undefined}>
                    {column.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {after > 0 ? (
            <tr aria-hidden="true" className="td-spacer">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          ) : null}
        </Table.Tbody>
      </Table>
      {rows.length === 0 ? <div className="td-record-empty">{empty}</div> : null}
    </div>
  );
}
