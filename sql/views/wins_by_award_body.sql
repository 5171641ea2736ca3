-- One row per film and award body: every entry counted, won or not.
create or replace view wins_by_award_body as

with nominations as (

    select film_id, award_body_id, result
    from fact_nomination

),

films as (

    select film_id, title as film_title
    from dim_film

),

award_bodies as (

    select award_body_id, name as award_body
    from dim_award_body

),

counted as (

    select
        nominations.film_id,
        nominations.award_body_id,
        count(*) as nominations,
        count(*) filter (where nominations.result = 'won') as wins
    from nominations
    group by all

),

final as (

    select
        counted.film_id,
        films.film_title,
        award_bodies.award_body,
        counted.nominations,
        counted.wins,
        round(counted.wins / counted.nominations, 3) as win_rate
    from counted
    inner join films on films.film_id = counted.film_id
    inner join award_bodies on award_bodies.award_body_id = counted.award_body_id

)

select * from final
order by film_title, award_body
