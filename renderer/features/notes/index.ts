export { NotesPage } from './NotesPage';
export { NoteDetailPage } from './NoteDetailPage';
export { NoteFormPage } from './NoteFormPage';
