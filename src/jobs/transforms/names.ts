/** Made-up names for the name transformers: common, mixed origins, none tied to a real row. */
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amara', 'Ana', 'Aron', 'Beatriz', 'Ben', 'Carla', 'Chen', 'Clara', 'Daniel', 'Dara', 'Elena', 'Emil',
  'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jana', 'Jonas', 'Kai', 'Kofi', 'Lara', 'Leo', 'Lina',
  'Luca', 'Maya', 'Mei', 'Milan', 'Nadia', 'Noah', 'Nora', 'Omar', 'Oskar', 'Paula', 'Priya', 'Rafael', 'Rosa', 'Sami', 'Sara',
  'Tomas', 'Uma', 'Vera', 'Yusuf', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Adams', 'Almeida', 'Bauer', 'Berg', 'Brown', 'Castro', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen',
  'Haddad', 'Ito', 'Jensen', 'Kaur', 'Kim', 'Kowalski', 'Lambert', 'Larsen', 'Lopez', 'Mensah', 'Meyer', 'Moreau', 'Nakamura',
  'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Svensson',
  'Tanaka', 'Torres', 'Varga', 'Wagner', 'Walker', 'Weber', 'Wong', 'Yilmaz', 'Young', 'Zhang', 'Ziegler',
] as const;
